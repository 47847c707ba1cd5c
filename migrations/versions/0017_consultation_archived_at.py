"""consultation.archived_at: when a consultation was archived, so that the phases it stopped or
did not hold are still told so once their dates have passed

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 11:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('consultation', sa.Column('archived_at', sa.DateTime(), nullable=True))
    # The consultations archived so far: their last change is the best date known of it.
    op.execute("UPDATE consultation SET archived_at = updated_at WHERE status = 'archived'")


def downgrade():
    op.drop_column('consultation', 'archived_at')
