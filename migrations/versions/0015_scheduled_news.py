"""consultation_news.announced_at: news may be published at a time to come; its followers are
told once that time has come (the news published so far on a consultation the public read
were told when published)

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 09:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('consultation_news', sa.Column('announced_at', sa.DateTime(), nullable=True))
    # Told when published, but only on a consultation the public read (published or archived): the
    # news of a draft one were told to nobody, and are announced when it is published.
    op.execute("UPDATE consultation_news SET announced_at = published_at WHERE consultation_id IN"
               " (SELECT id FROM consultation WHERE status IN ('published', 'archived'))")


def downgrade():
    op.drop_column('consultation_news', 'announced_at')
