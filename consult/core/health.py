"""What /healthz checks: the database answers, and its schema is the one the code expects (the
last migration, `flask db upgrade`, was applied): otherwise pages that read a new column fail.

One query when all is well: the revision in alembic_version, compared with the head of
migrations/, read from disk once per process."""
from functools import cache

from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db


@cache
def code_heads(directory):
    """The head revision(s) of the migrations in `directory`."""
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory(directory).get_heads())


def database_state():
    """(database, schema): database "ok" or "unavailable"; schema "ok", "outdated" (the
    database's revision is not the code's: run `flask db upgrade`), "not migrated" (no
    alembic_version table in production, where databases are only made by `flask db upgrade`),
    "unversioned" (no such table outside production: a database made from the models, as the
    tests' and benchmarks' are, which is the code's schema), or "unknown"."""
    try:
        applied = frozenset(db.session.scalars(text("SELECT version_num FROM alembic_version")))
    except SQLAlchemyError:
        db.session.rollback()
        try:  # no alembic_version table, or no database at all?
            db.session.execute(text("SELECT 1"))
        except SQLAlchemyError:
            db.session.rollback()
            return "unavailable", "unknown"
        return "ok", "not migrated" if current_app.config["ENV"] == "production" else "unversioned"
    heads = code_heads(current_app.extensions["migrate"].directory)
    return "ok", "ok" if applied == heads else "outdated"
