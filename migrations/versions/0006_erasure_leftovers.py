"""erasure leftovers: mail knows its account; notifications name commenters by id

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:00:00

Deleting an account deleted only the mail sent to its current address, and notifications
kept the display name of the person who commented. outgoing_mail.user_id now says whose
mail a row is (the rows already queued get the account of their address, when one has it);
comment notices store the commenter's id (read from the comment) instead of their name.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

COMMENT_KINDS = ("comment_reply", "proposal_comment")
CHUNK = 500  # ids per IN (…): far below SQLite's limit on parameters
notification = sa.table("notification", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                        sa.column("payload", sa.JSON))


def upgrade():
    with op.batch_alter_table('outgoing_mail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outgoing_mail_user_id'), ['user_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outgoing_mail_user_id_user'), 'user', ['user_id'], ['id'],
                                    ondelete='CASCADE')
    op.execute('UPDATE outgoing_mail SET user_id = (SELECT min(u.id) FROM "user" u '
               'WHERE lower(u.email) = lower(outgoing_mail.recipient))')
    _rewrite_comment_notices("author_name", "author_id", "comment_id",
                             "SELECT id, author_id FROM comment WHERE id IN :ids")


def downgrade():
    _rewrite_comment_notices("author_id", "author_name", "author_id",
                             "SELECT id, CASE WHEN deleted_at IS NULL THEN display_name ELSE '' END "
                             'FROM "user" WHERE id IN :ids', missing="")
    with op.batch_alter_table('outgoing_mail', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outgoing_mail_user_id_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outgoing_mail_user_id'))
        batch_op.drop_column('user_id')


def _rewrite_comment_notices(old_key, new_key, by_key, query, missing=None):
    """In the payloads of comment notices, replace `old_key` by `new_key`, whose value `query`
    (SELECT id, value … WHERE id IN :ids) gives for the payload's `by_key`."""
    connection = op.get_bind()
    rows = connection.execute(sa.select(notification.c.id, notification.c.payload)
                              .where(notification.c.kind.in_(COMMENT_KINDS))).all()
    values = _by_id(connection, query, {(payload or {}).get(by_key) for _, payload in rows} - {None})
    for row_id, payload in rows:
        payload = dict(payload or {})
        value = values.get(payload.get(by_key), missing)
        payload.pop(old_key, None)
        payload[new_key] = value
        connection.execute(notification.update().where(notification.c.id == row_id).values(payload=payload))


def _by_id(connection, query, ids):
    ids, found = sorted(ids), {}
    statement = sa.text(query).bindparams(sa.bindparam("ids", expanding=True))
    for start in range(0, len(ids), CHUNK):
        found.update(connection.execute(statement, {"ids": ids[start:start + CHUNK]}).all())
    return found
