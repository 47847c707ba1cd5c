"""What /healthz checks: the database answers, and its schema is not behind the code's (the
last migration, `flask db upgrade`, was applied): otherwise pages that read a new column fail.

One query when all is well: the revision in alembic_version, compared with the migrations the
code has, read from disk when the process starts (read later, the files might already be those
of the next version being deployed)."""
from functools import cache

from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db


@cache
def read_revisions(directory):
    """(the head revisions, every revision) of the migrations in `directory`, read once per
    process (each app made reads them when it is made: at the start)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(directory)
    return frozenset(script.get_heads()), frozenset(r.revision for r in script.walk_revisions())


def init_app(app):
    app.extensions["schema_revisions"] = read_revisions(app.extensions["migrate"].directory)


def database_state():
    """(database, schema): database "ok" or "unavailable"; schema as schema_state() says, or
    "unknown"."""
    try:
        return "ok", schema_state()
    except SQLAlchemyError:
        db.session.rollback()
        return "unavailable", "unknown"


def schema_state():
    """The schema's state: "ok", "outdated" (the database is at an earlier revision of the
    code's: run `flask db upgrade`), "ahead" (at a revision the code does not know: a newer
    version's, migrated before this process restarts on it), "not migrated" (no alembic_version
    table in production, where databases are only made by `flask db upgrade`), or "unversioned"
    (no such table outside production: a database made from the models, as the tests' and
    benchmarks' are, which is the code's schema). Raises SQLAlchemyError when the database does
    not answer."""
    try:
        applied = frozenset(db.session.scalars(text("SELECT version_num FROM alembic_version")))
    except SQLAlchemyError:
        db.session.rollback()
        db.session.execute(text("SELECT 1"))  # no alembic_version table, or no database at all (raises)?
        return "not migrated" if current_app.config["ENV"] == "production" else "unversioned"
    heads, known = current_app.extensions["schema_revisions"]
    if applied == heads:
        return "ok"
    return "outdated" if applied <= known else "ahead"
