"""gathered notices: one notice counts the new comments of a followed debate (or proposals of a followed consultation); published_at: each is announced once

notification.topic, notification.repeats and notification.updated_at; proposal.published_at and comment.published_at,
when the public could first read them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 05:10:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# Once published, an item may have been hidden or withdrawn since; an item still pending, or
# rejected, was never published (one hidden straight from the queue counts as published: the
# date only stops a second notice, and a restored item tells nobody).
PUBLISHED_ONCE = "status NOT IN ('pending', 'rejected')"
GATHERING = ("topic IS NOT NULL AND read_at IS NULL AND digest_claimed_by IS NULL"
             " AND email_state IN ('pending', 'skipped')")


def upgrade():
    # Plain ALTER TABLE, as 0012: a batch copy would delete, through the foreign keys, the rows
    # that refer to these tables.
    op.add_column('notification', sa.Column('topic', sa.String(length=40), nullable=True))
    op.add_column('notification', sa.Column('repeats', sa.Integer(), server_default='1', nullable=False))
    op.add_column('notification', sa.Column('updated_at', sa.DateTime(), nullable=True))
    # One notice per person and topic takes the new events: two comments at once add to it, never
    # start two (INSERT … ON CONFLICT on this index).
    op.create_index('uq_notification_gathering', 'notification', ['user_id', 'topic'], unique=True,
                    sqlite_where=sa.text(GATHERING), postgresql_where=sa.text(GATHERING))
    for table in ('proposal', 'comment'):
        op.add_column(table, sa.Column('published_at', sa.DateTime(), nullable=True))
        op.execute(f"UPDATE {table} SET published_at = created_at WHERE {PUBLISHED_ONCE}")


def downgrade():
    for table in ('comment', 'proposal'):
        op.drop_column(table, 'published_at')
    op.drop_index('uq_notification_gathering', table_name='notification')
    op.drop_column('notification', 'updated_at')
    op.drop_column('notification', 'repeats')
    op.drop_column('notification', 'topic')
