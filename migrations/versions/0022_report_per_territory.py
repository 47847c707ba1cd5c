"""report: one per person and item in each territory, a person being reported per territory (a
report of someone in one territory no longer stops the same resident reporting them in another)

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30 18:00:00

Proposals and comments belong to one territory: for them, nothing changes.
"""
import sqlalchemy as sa
from alembic import op


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_constraint('uq_report_reporter_id_target_type_target_id', type_='unique')
        batch_op.create_unique_constraint('uq_report_reporter_id_target_type_target_id_territory_id',
                                          ['reporter_id', 'target_type', 'target_id', 'territory_id'])


def downgrade():
    # One report per person and item again: of a person's reports of someone in several
    # territories, the first is kept.
    op.execute(sa.text('DELETE FROM report WHERE id NOT IN '
                       '(SELECT min(id) FROM report GROUP BY reporter_id, target_type, target_id)'))
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_constraint('uq_report_reporter_id_target_type_target_id_territory_id', type_='unique')
        batch_op.create_unique_constraint('uq_report_reporter_id_target_type_target_id',
                                          ['reporter_id', 'target_type', 'target_id'])
