"""staff_log_entry: an index on (territory, created at) for a territory's log, newest first

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01 12:00:00

A territory's log reads its 50 newest entries a page at a time: with its territory leading and
its date (then its id) following, the index hands them over in the page's order, instead of
every entry of the territory being sorted for each page. It replaces the index on the territory
alone, which it serves as well (its foreign key, the entries that go with a territory).
"""
from alembic import op


revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_log_entry', schema=None) as batch_op:
        batch_op.create_index('ix_staff_log_entry_territory_created', ['territory_id', 'created_at', 'id'], unique=False)
        batch_op.drop_index(batch_op.f('ix_staff_log_entry_territory_id'))


def downgrade():
    with op.batch_alter_table('staff_log_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_log_entry_territory_id'), ['territory_id'], unique=False)
        batch_op.drop_index('ix_staff_log_entry_territory_created')
