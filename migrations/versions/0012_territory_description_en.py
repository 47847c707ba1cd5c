"""territory.description_en: a territory's description in English too (empty: the French one is shown)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 03:30:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE (SQLite 3.35+ drops a column too): a batch copy of the table would
    # delete, through the foreign keys, every row that refers to a territory.
    op.add_column('territory', sa.Column('description_en', sa.Text(), server_default='', nullable=False))


def downgrade():
    op.drop_column('territory', 'description_en')
