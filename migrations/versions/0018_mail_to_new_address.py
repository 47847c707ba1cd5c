"""outgoing_mail.to_new_address: the link confirming a new address, which the account's data
download shows only once the account uses that address

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 12:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('outgoing_mail', sa.Column('to_new_address', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    op.drop_column('outgoing_mail', 'to_new_address')
