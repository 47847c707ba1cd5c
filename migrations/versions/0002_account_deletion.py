"""account deletion: when a person deleted their account

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 09:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(), nullable=True))


def downgrade():
    # Plain ALTER TABLE (SQLite 3.35+): a batch operation would copy the table and drop the old
    # one, and dropping it deletes, by cascade, everything that belongs to an account.
    op.drop_column('user', 'deleted_at')
