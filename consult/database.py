"""Database engine tuning and the one-transaction-per-request rule.

SQLite gets foreign keys, WAL and a busy timeout. Requests that write (POST, PUT, PATCH,
DELETE) open their SQLite transaction with BEGIN IMMEDIATE, so that concurrent writers
queue on the busy timeout instead of failing on a lock upgrade.

The request commits once, in one place: after the view, when the response is a success
or a redirect; anything else rolls back, so a failed request leaves nothing half-written.
"""
from datetime import datetime, timezone

from flask import has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db, is_write_request


def utcnow():
    """Naive UTC timestamp, as stored in the database."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _is_sqlite(engine):
    return engine.dialect.name == "sqlite"


def configure_engine(engine: Engine):
    if not _is_sqlite(engine):
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = has_request_context() and is_write_request()
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def init_app(app):
    with app.app_context():
        configure_engine(db.engine)

    @app.after_request
    def _commit_or_rollback(response):
        session = db.session()
        if not (session.in_transaction() or session.new or session.dirty or session.deleted):
            return response  # the request never touched the database (e.g. a cached page)
        if response.status_code < 400:
            session.commit()
        else:
            session.rollback()
        return response
