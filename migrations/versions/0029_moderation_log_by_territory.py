"""moderation_action: an index on (territory, created at) for a territory's log, newest first

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-01 13:00:00

A territory's moderation log reads its 50 newest decisions a page at a time, and its
transparency page those of the last twelve months: with the territory leading and the date
(then the id) following, the index hands them over in the page's order, instead of the
decisions of every territory being read newest first until the page is full. It replaces the
index on the territory alone, which it serves as well (its foreign key).
"""
from alembic import op


revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('moderation_action', schema=None) as batch_op:
        batch_op.create_index('ix_moderation_action_territory_created', ['territory_id', 'created_at', 'id'],
                              unique=False)
        batch_op.drop_index(batch_op.f('ix_moderation_action_territory_id'))


def downgrade():
    with op.batch_alter_table('moderation_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderation_action_territory_id'), ['territory_id'], unique=False)
        batch_op.drop_index('ix_moderation_action_territory_created')
