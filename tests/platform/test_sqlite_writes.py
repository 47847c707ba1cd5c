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


def test_a_write_transaction_of_a_reading_request_takes_the_lock(disk_app):
    """A GET that writes (say, when a token was last used) begins its write as a write."""
    app, lock = disk_app
    with app.test_request_context("/somewhere", method="GET"):
        with write_transaction():
            db.session.connection()
            assert not _free(lock)
        assert _free(lock)


def test_a_command_waits_for_a_write_of_the_site_instead_of_failing(disk_app):
    """A cron run that reads, then writes, while a request writes: SQLite refuses at once the
    write of a transaction begun as a read ("database is locked"); a command's transactions
    begin as writes, and wait their turn."""
    import sqlite3
    import threading
    import time
    from datetime import timedelta

    from consult.consultations.models import ConsultationNews
    from consult.database import utcnow
    from ..factories import Factory

    app, _lock = disk_app
    with app.app_context():
        make = Factory()
        news = ConsultationNews(consultation=make.consultation(), title={"fr": "Réunion"}, body={"fr": "Jeudi."},
                                published_at=utcnow() - timedelta(minutes=1))
        db.session.add(news)
        db.session.commit()
        database = db.engine.url.database
    writing = threading.Event()

    def a_request_writing():  # another process's write, committed while the command runs
        other = sqlite3.connect(database, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE territory SET name = name")
        writing.set()
        time.sleep(0.5)
        other.execute("COMMIT")
        other.close()

    request = threading.Thread(target=a_request_writing)
    request.start()
    assert writing.wait(5)
    result = app.test_cli_runner().invoke(args=["announce-news"])
    request.join()
    assert result.exit_code == 0, result.output
    assert result.output == "1 piece(s) of news announced\n"
