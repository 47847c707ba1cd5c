"""results indexes: votes and comments of a consultation counted from their indexes alone

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 14:50:00

"""
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.create_index('ix_vote_proposal_user_created', ['proposal_id', 'user_id', 'created_at'], unique=False)
        batch_op.drop_index('ix_vote_proposal_id')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_proposal_created_status_author',
                              ['proposal_id', 'created_at', 'status', 'author_id'], unique=False)
        batch_op.drop_index('ix_comment_proposal_created')


def downgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_proposal_created', ['proposal_id', 'created_at'], unique=False)
        batch_op.drop_index('ix_comment_proposal_created_status_author')
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.create_index('ix_vote_proposal_id', ['proposal_id'], unique=False)
        batch_op.drop_index('ix_vote_proposal_user_created')
