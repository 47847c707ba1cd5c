"""proposal_answer.announced_at: an official answer given while its consultation is back to draft
is told to the proposal's author and followers when the consultation is published again (it was
told to nobody)

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30 21:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('proposal_answer', sa.Column('announced_at', sa.DateTime(), nullable=True))
    # Told when given, unless its consultation was a draft then: the answers of a consultation the
    # public reads now (published, archived), or given since its first publication, were told; the
    # others, given while it was a draft, were told to nobody, and are told when it is published.
    op.execute("UPDATE proposal_answer SET announced_at = created_at WHERE EXISTS (SELECT 1 FROM proposal"
               " JOIN consultation ON consultation.id = proposal.consultation_id"
               " WHERE proposal.id = proposal_answer.proposal_id AND (consultation.status IN ('published', 'archived')"
               " OR consultation.published_at <= proposal_answer.created_at))")


def downgrade():
    op.drop_column('proposal_answer', 'announced_at')
