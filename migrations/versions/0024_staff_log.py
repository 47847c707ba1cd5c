"""staff_log_entry: the staff activity log, who gave whom which rights and when (a territory's
team, its verified residents, the platform admins)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01 10:00:00

The changes made before this revision were recorded nowhere: the log starts empty.
"""
import sqlalchemy as sa
from alembic import op


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('staff_log_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('territory_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=True),
    sa.Column('former_role', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_staff_log_entry_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['user.id'], name=op.f('fk_staff_log_entry_subject_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['territory_id'], ['territory.id'], name=op.f('fk_staff_log_entry_territory_id_territory'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_log_entry'))
    )
    with op.batch_alter_table('staff_log_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_log_entry_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_log_entry_territory_id'), ['territory_id'], unique=False)


def downgrade():
    with op.batch_alter_table('staff_log_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_log_entry_territory_id'))
        batch_op.drop_index(batch_op.f('ix_staff_log_entry_created_at'))
    op.drop_table('staff_log_entry')
