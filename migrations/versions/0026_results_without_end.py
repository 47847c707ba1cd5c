"""phase.ends_at may be empty: a results phase without an end

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-01 12:30:00

A town usually leaves its results on show: the results phase may start without ending. Only the
results phase is left without an end (consultations.services checks it); the other phases keep
both dates. Going back gives the phases without an end the last moment the back office accepts.
"""
from datetime import datetime

import sqlalchemy as sa
from alembic import op


revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('phase', schema=None) as batch_op:
        batch_op.alter_column('ends_at', existing_type=sa.DateTime(), nullable=True)


def downgrade():
    phase = sa.table('phase', sa.column('ends_at', sa.DateTime()))
    op.execute(phase.update().where(phase.c.ends_at.is_(None)).values(ends_at=datetime(2100, 12, 31, 22, 0)))
    with op.batch_alter_table('phase', schema=None) as batch_op:
        batch_op.alter_column('ends_at', existing_type=sa.DateTime(), nullable=False)
