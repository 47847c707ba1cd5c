"""proposal.threshold_reached_at: the threshold is announced once

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 21:10:00

Proposals already over their consultation's threshold are marked as announced (at this
revision's time): their people were told when it happened.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


# Plain ALTER TABLE (SQLite has dropped columns since 3.35): a batch operation would copy the
# table and drop the old one, and dropping it deletes, by cascade, the votes and comments.
def upgrade():
    op.add_column('proposal', sa.Column('threshold_reached_at', sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE proposal SET threshold_reached_at = CURRENT_TIMESTAMP WHERE EXISTS ("
        "SELECT 1 FROM consultation WHERE consultation.id = proposal.consultation_id"
        " AND consultation.support_threshold > 0 AND proposal.votes_for >= consultation.support_threshold)")


def downgrade():
    op.drop_column('proposal', 'threshold_reached_at')
