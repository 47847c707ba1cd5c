"""territory_former_slug: a territory's old address names still lead to it

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 23:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'territory_former_slug',
        sa.Column('slug', sa.String(length=80), nullable=False),
        sa.Column('territory_id', sa.Integer(), nullable=False),
        sa.Column('retired_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['territory_id'], ['territory.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('slug'),
    )
    op.create_index(op.f('ix_territory_former_slug_territory_id'), 'territory_former_slug', ['territory_id'])


def downgrade():
    op.drop_index(op.f('ix_territory_former_slug_territory_id'), table_name='territory_former_slug')
    op.drop_table('territory_former_slug')
