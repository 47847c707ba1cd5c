"""proposal.votes_score: "most supported" is for minus against in that mode, as on the results

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 00:15:00

The listing sorts on an indexed column: the score is kept with the counters, by the vote's
one UPDATE, and its index takes the place of the one on votes_for.
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, as in 0008: a batch copy of the table would delete its votes by cascade.
def upgrade():
    op.add_column('proposal', sa.Column('votes_score', sa.Integer(), server_default='0', nullable=False))
    op.execute("UPDATE proposal SET votes_score = votes_for - votes_against")
    op.drop_index('ix_proposal_listing_votes', table_name='proposal')
    op.create_index('ix_proposal_listing_score', 'proposal', ['consultation_id', 'status', 'votes_score'])


def downgrade():
    op.drop_index('ix_proposal_listing_score', table_name='proposal')
    op.create_index('ix_proposal_listing_votes', 'proposal', ['consultation_id', 'status', 'votes_for'])
    op.drop_column('proposal', 'votes_score')
