"""moderation queue indexes: the comments awaiting approval and the open reports, each apart

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30 17:30:00

Partial indexes: the moderation queue reads the few pending comments and open reports of its
territories without going through every comment, or every report ever settled. Their status
leads, so that SQLite, which has no statistics, prefers them to the other indexes of the table.
Pending proposals need none: the listings' ix_proposal_listing_created (consultation, status,
created at) finds them.
"""
import sqlalchemy as sa
from alembic import op


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

PENDING = "status = 'pending'"
OPEN = "status = 'open'"


def upgrade():
    op.create_index('ix_comment_pending', 'comment', ['status', 'proposal_id', 'created_at'],
                    sqlite_where=sa.text(PENDING), postgresql_where=sa.text(PENDING))
    op.create_index('ix_report_open', 'report', ['status', 'territory_id', 'target_type', 'target_id', 'created_at'],
                    sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def downgrade():
    op.drop_index('ix_report_open', table_name='report')
    op.drop_index('ix_comment_pending', table_name='comment')
