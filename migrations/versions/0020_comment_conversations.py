"""comment.root_id: the conversation a reply belongs to (its top-level comment), so that a page
of the debate is read from the database as whole conversations; indexes for the page's
conversations and for its arguments

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 17:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('root_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_comment_root_id'), ['root_id'], unique=False)
        batch_op.create_index('ix_comment_conversations', ['proposal_id', 'parent_id', 'created_at'], unique=False)
        batch_op.create_index('ix_comment_arguments', ['proposal_id', 'status', 'stance', 'created_at'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_comment_root_id_comment'), 'comment', ['root_id'], ['id'],
                                    ondelete='CASCADE')
    # Level by level, from the first replies down: each reply joins its parent's conversation.
    deepest = op.get_bind().scalar(sa.text('SELECT max(depth) FROM comment')) or 1
    for depth in range(2, deepest + 1):
        op.execute(sa.text('UPDATE comment SET root_id = (SELECT coalesce(p.root_id, p.id) FROM comment p '
                           'WHERE p.id = comment.parent_id) WHERE depth = :depth AND parent_id IS NOT NULL')
                   .bindparams(depth=depth))


def downgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comment_root_id_comment'), type_='foreignkey')
        batch_op.drop_index('ix_comment_arguments')
        batch_op.drop_index('ix_comment_conversations')
        batch_op.drop_index(batch_op.f('ix_comment_root_id'))
        batch_op.drop_column('root_id')
