"""Database engine tuning and the one-transaction-per-request rule.

SQLite gets foreign keys, WAL and a busy timeout. Requests that write (POST, PUT, PATCH,
DELETE) open their SQLite transaction with BEGIN IMMEDIATE, so that concurrent writers
queue instead of failing on a lock upgrade. They queue on a lock file beside the database
(`flock`, one per pooled connection, held until the connection goes back to the pool): the
kernel hands it over the moment it is released, where SQLite's busy timeout would poll,
sleeping 1, 2, 5, 10… ms between tries. SQLite's own lock stays the guard of the data.

The request commits once, in one place: after the view, when the response is a success
or a redirect; anything else rolls back, so a failed request leaves nothing half-written.
A frequent write (a vote) may commit its writes earlier, in `write_transaction()`.
"""
import fcntl
import os
import sqlite3
import zlib
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache, wraps

from flask import g, has_app_context, has_request_context
from sqlalchemy import event, func, literal, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import lazyload

from .extensions import db, is_write_request
from .text import search_terms


def utcnow():
    """Naive UTC timestamp, as stored in the database."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def insert_or_ignore(model, connection, *returning):
    """INSERT … ON CONFLICT DO NOTHING on `model`'s table, for the connection's database (with
    RETURNING of the `returning` columns, if any): one statement where "look, then insert"
    takes two and races. Built once per table, database and RETURNING; the values come as
    parameters of the execution."""
    return _insert_or_ignore(model.__table__, connection.dialect.name, returning)


@lru_cache(maxsize=None)
def _insert_or_ignore(table, dialect_name, returning):
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(table).on_conflict_do_nothing()
    return statement.returning(*returning) if returning else statement


def _is_sqlite(engine):
    return engine.dialect.name == "sqlite"


def _writer_lock(path):
    """The lock file's descriptor. One the account cannot open (a database made by another
    account, root say) is said as the database's own errors are: the commands say it in one
    sentence (cli.unreachable), not in a traceback."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise sqlite3.OperationalError(f"{path}: {error.strerror} (the database's folder and files must be "
                                       "writable by the account that runs the site and its commands)") from None


def configure_engine(engine: Engine):
    if not _is_sqlite(engine):
        return

    on_disk = engine.url.database not in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, record):
        dbapi_conn.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        if on_disk:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            record.info["writer_lock"] = _writer_lock(engine.url.database + "-writer.lock")
        cursor.close()

    @event.listens_for(engine, "close")
    def _on_close(_dbapi_conn, record):
        fd = record.info.pop("writer_lock", None)
        if fd is not None:
            os.close(fd)  # also releases the lock

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = writes_expected()
        fd = conn.info.get("writer_lock")
        # One lock per request: a second connection of the same request would wait for the
        # first forever; it waits on SQLite's busy timeout instead.
        if immediate and fd is not None and not g.get("_writer_lock"):
            fcntl.flock(fd, fcntl.LOCK_EX)
            conn.info["writer_locked"] = True
            g._writer_lock = True
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn, record):
        if record.info.pop("writer_locked", False):
            fcntl.flock(record.info["writer_lock"], fcntl.LOCK_UN)
            if has_app_context():
                g.pop("_writer_lock", None)


def writes_expected():
    """Whether the transaction beginning is to write, so that SQLite begins it as a write
    (BEGIN IMMEDIATE): a transaction that read first and writes after a writer committed is
    refused at once ("database is locked"), where one begun as a write waits its turn. So
    begin the transactions of a write request (but its reading part, see reads_then_writes), of
    `write_transaction()`, and of the `flask` commands (cron: short transactions, most of which
    write; see cli.py)."""
    if not has_app_context():
        return False
    if g.get("_writing"):
        return True
    return has_request_context() and is_write_request() and not g.get("_reading")


@contextmanager
def writing():
    """The transactions begun in the block are to write (see writes_expected)."""
    before = g.get("_writing", False)
    g._writing = True
    try:
        yield
    finally:
        g._writing = before


def serialize(name, *ids):
    """Wait until no other transaction holds the key (name, ids), then hold it until this one
    ends: what is counted and then written (a person's proposals under a limit, who was told
    already) is decided by one transaction at a time. PostgreSQL: a transaction-level advisory
    lock; SQLite writes one transaction at a time already."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    key = zlib.crc32(":".join(map(str, ids)).encode())
    db.session.execute(text("SELECT pg_advisory_xact_lock(:name, :key)"),
                       {"name": _int32(zlib.crc32(name.encode())), "key": _int32(key)})


def _int32(number):
    """An unsigned 32-bit number as PostgreSQL's integer (signed)."""
    return number - (1 << 32) if number >= 1 << 31 else number


def count_rows(query):
    """How many rows `query` (a SELECT) gives, its order left out: one query."""
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def matching_words(column, search, limit):
    """One clause per word of `search` (`text.search_terms`), for a search text `column`
    (folded words, one space apart): the word is found inside one of its words ('ecole' in
    'ecoles'), or its other number as a whole word ('pistes' finds 'piste', not 'pist' in
    'pister'). The words are letters and digits: nothing in them is a LIKE wildcard."""
    padded = literal(" ") + column + literal(" ")
    return [or_(column.like(f"%{word}%"), padded.like(f"% {other} %")) if other else column.like(f"%{word}%")
            for word, other in search_terms(search, limit)]


def lock_row(obj):
    """Read the object's row again, locked until the request ends (PostgreSQL; SQLite runs one
    write request at a time already): what two simultaneous requests decide from its state
    (a comment leaving the debate, a report reaching the threshold) is decided by one of them.
    Call it before changing the object: changes not flushed yet would be read over. Its row
    alone is read (no relationship joined in, as the object may have been loaded with one:
    PostgreSQL cannot lock the nullable side of an outer join)."""
    mapper = type(obj).__mapper__
    key = (column == value for column, value in zip(mapper.primary_key, mapper.primary_key_from_instance(obj)))
    db.session.execute(select(mapper).where(*key).options(lazyload("*")).with_for_update()
                       .execution_options(populate_existing=True)).scalar_one()  # read: the object refreshed


def reads_then_writes(view):
    """For a frequent write request (a vote): what it reads first (the account, the target)
    is read in a plain transaction, and only its writes, in `write_transaction()`, hold
    SQLite's write lock: one request's reading and rendering no longer delay the others."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        g._reading = True
        return view(*args, **kwargs)
    return wrapper


@contextmanager
def write_transaction():
    """The block's writes in one short transaction, committed at its end (rolled back on
    an exception). On SQLite the reading transaction is ended first, so that the write
    transaction begins with BEGIN IMMEDIATE. Objects already loaded are not expired by
    the commit (the request goes on with them, e.g. to render its answer)."""
    session = db.session()
    expire, session.expire_on_commit = session.expire_on_commit, False
    reading = g.get("_reading", False)
    try:
        if _is_sqlite(session.get_bind()) and session.in_transaction():
            session.commit()  # only read so far: ends the snapshot
        g._reading = False
        with writing():
            try:
                yield
            except BaseException:
                session.rollback()
                raise
            session.commit()
    finally:
        session.expire_on_commit = expire
        g._reading = reading


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
