"""territory.folded_name and user.folded_name; search texts folded again

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 12:00:00

Folding now spells out the letters it used to drop ("cœur" → "coeur", not "c ur") and keeps the
words of every script: the stored search texts are computed again. Names get their folded copy,
which lists sort on and the account search matches.
"""
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

# The app's own folding and search texts: what is stored agrees with what its queries look for.
from consult.consultations.services import refresh_search_text
from consult.text import fold, search_text


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

BATCH = 500  # rows read, and written back, at a time
territory = sa.table("territory", sa.column("id", sa.Integer), sa.column("name", sa.String),
                     sa.column("folded_name", sa.Text))
user = sa.table("user", sa.column("id", sa.Integer), sa.column("display_name", sa.String),
                sa.column("folded_name", sa.Text))
proposal = sa.table("proposal", sa.column("id", sa.Integer), sa.column("title", sa.String),
                    sa.column("body", sa.Text), sa.column("search_text", sa.Text))
consultation = sa.table("consultation", sa.column("id", sa.Integer), sa.column("title", sa.JSON),
                        sa.column("summary", sa.JSON), sa.column("description", sa.JSON),
                        sa.column("search_text", sa.String))


def _consultation_text(row):
    consultation = SimpleNamespace(**row._mapping)
    refresh_search_text(consultation)
    return consultation.search_text


# Plain ALTER TABLE, as 0012: a batch copy would delete, through the foreign keys, the rows
# that refer to a territory or an account.
def upgrade():
    op.add_column('territory', sa.Column('folded_name', sa.Text(), server_default='', nullable=False))
    op.add_column('user', sa.Column('folded_name', sa.Text(), server_default='', nullable=False))
    _recompute(territory.c.folded_name, lambda row: fold(row.name))
    _recompute(user.c.folded_name, lambda row: fold(row.display_name))
    _recompute(proposal.c.search_text, lambda row: search_text(row.title, row.body))
    _recompute(consultation.c.search_text, _consultation_text)


def downgrade():
    # The search texts stay folded the new way: the code of then still finds in them what it found.
    op.drop_column('user', 'folded_name')
    op.drop_column('territory', 'folded_name')


def _recompute(column, value_of):
    """Set `column` of every row of its table to value_of(row), BATCH rows at a time in id order,
    writing only the rows whose value changes."""
    table, connection, last = column.table, op.get_bind(), 0
    update = table.update().where(table.c.id == sa.bindparam("row_id")).values({column: sa.bindparam("value")})
    while rows := connection.execute(sa.select(table).where(table.c.id > last)
                                     .order_by(table.c.id).limit(BATCH)).all():
        changed = [{"row_id": row.id, "value": value} for row in rows
                   if (value := value_of(row)) != getattr(row, column.name)]
        if changed:
            connection.execute(update, changed)
        last = rows[-1].id
