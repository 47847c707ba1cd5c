"""resident verification: the people a territory's staff verified as living there

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 09:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('resident_verification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('territory_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['territory_id'], ['territory.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['verified_by_id'], ['user.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('territory_id', 'user_id')
    )
    with op.batch_alter_table('resident_verification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resident_verification_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('resident_verification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resident_verification_user_id'))

    op.drop_table('resident_verification')
