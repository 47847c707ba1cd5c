"""SQLite on disk: write requests queue on a lock file beside the database, held only while
they write, and released as soon as their transaction ends."""
import fcntl
import os

import pytest

from consult import create_app
from consult.database import reads_then_writes, write_transaction
from consult.extensions import db
from ..conftest import app_settings


@pytest.fixture
def disk_app(tmp_path):
    app = create_app(app_settings(f"sqlite:///{tmp_path / 'consult.db'}", UPLOAD_FOLDER=str(tmp_path / "up")))
    with app.app_context():
        db.create_all()
    yield app, str(tmp_path / "consult.db-writer.lock")
    with app.app_context():
        db.engine.dispose()


def _free(lock_path):
    """True when another writer could take the lock now."""
    fd = os.open(lock_path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_a_write_request_holds_the_writer_lock_until_it_commits(disk_app):
    app, lock = disk_app
    with app.test_request_context("/somewhere", method="POST"):
        db.session.connection()  # BEGIN IMMEDIATE
        assert not _free(lock)
        db.session.commit()
        assert _free(lock)
    with app.test_request_context("/somewhere", method="GET"):
        db.session.connection()  # a reading request never takes it
        assert _free(lock)
        db.session.rollback()


def test_reads_then_writes_takes_the_lock_only_for_its_writes(disk_app):
    app, lock = disk_app
    seen = {}

    @reads_then_writes
    def view():
        db.session.connection()  # reading first
        seen["while reading"] = _free(lock)
        with write_transaction():
            db.session.connection()
            seen["while writing"] = _free(lock)
        seen["after"] = _free(lock)

    with app.test_request_context("/somewhere", method="POST"):
        view()
    assert seen == {"while reading": True, "while writing": False, "after": True}


def test_a_failed_write_rolls_back_and_releases_the_lock(disk_app):
    app, lock = disk_app
    from consult.territories.models import Territory

    with app.test_request_context("/somewhere", method="POST"):
        with pytest.raises(RuntimeError):
            with write_transaction():
                db.session.add(Territory(slug="nowhere", name="Nulle part", kind="commune"))
                db.session.flush()
                raise RuntimeError("refused")
        assert _free(lock)
        assert db.session.scalar(db.select(db.func.count(Territory.id))) == 0


def test_a_second_connection_of_the_same_request_fails_instead_of_hanging(disk_app):
    """Two writing connections in one request cannot both write on SQLite: the second gets
    SQLite's "database is locked" after its busy timeout, never an endless wait on the lock
    file held by the first."""
    from sqlalchemy.exc import OperationalError

    app, lock = disk_app
    with app.test_request_context("/somewhere", method="POST"):
        db.session.connection()
        with db.engine.connect() as other:
            other.connection.dbapi_connection.execute("PRAGMA busy_timeout=50")
            with pytest.raises(OperationalError, match="locked"):
                other.exec_driver_sql("SELECT 1")
        db.session.commit()
        assert _free(lock)
