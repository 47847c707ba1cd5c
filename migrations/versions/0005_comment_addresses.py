"""comment addresses: notifications lead to /comments/<id>, which finds the comment's page

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 14:15:00

The debate is now shown a page at a time: a link to /proposals/<id>#comment-<id> would open
page 1 while the comment may be on page 2. Data only; the schema does not change.
"""
import re

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

OLD = re.compile(r"^/proposals/\d+#comment-(\d+)$")


def upgrade():
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, url FROM notification WHERE url LIKE '/proposals/%#comment-%'"))
    for row_id, url in rows.all():
        match = OLD.match(url)
        if match:
            connection.execute(sa.text("UPDATE notification SET url = :url WHERE id = :id"),
                               {"url": f"/comments/{match.group(1)}", "id": row_id})


def downgrade():
    pass  # the new addresses keep working
