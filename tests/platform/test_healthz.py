"""/healthz, for the monitoring and the load balancer: 503 when the database does not answer,
or when its schema is not the code's (an upgrade deployed without `flask db upgrade`, after
which signing in fails): one query to alembic_version, the code's migrations read when the
process starts."""
import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from consult import create_app
from consult.extensions import db

from ..conftest import app_settings
from ..helpers import count_queries


@pytest.fixture
def migrated_app(empty_app):
    """An app on a database made by the migrations."""
    upgrade()
    yield empty_app
    db.session.remove()


def health(app):
    response = app.test_client().get("/healthz")
    return response.status_code, response.get_json()


def test_a_database_behind_the_code_fails_the_health_check(migrated_app):
    assert health(migrated_app) == (200, {"status": "ok", "database": "ok", "schema": "ok"})
    downgrade(revision="-1")  # as after deploying new code without `flask db upgrade`
    db.session.remove()
    assert health(migrated_app) == (503, {"status": "error", "database": "ok", "schema": "outdated"})
    upgrade()
    assert health(migrated_app) == (200, {"status": "ok", "database": "ok", "schema": "ok"})


def test_the_health_check_is_one_query(migrated_app):
    with count_queries() as counter:
        assert health(migrated_app)[0] == 200
    assert counter.statements == ["SELECT version_num FROM alembic_version"]


def test_a_database_ahead_of_the_code_passes_until_the_restart(migrated_app):
    """Deploying: `flask db upgrade` runs with the new code while the old one still serves: the
    database is at a revision this process does not know (and the migrations on disk, already the
    new ones, are not read again: the process knows those it started with)."""
    heads, known = migrated_app.extensions["schema_revisions"]
    [head] = heads
    migrated_app.extensions["schema_revisions"] = (frozenset({"0001"}), known - heads)  # the code of before
    assert health(migrated_app) == (200, {"status": "ok", "database": "ok", "schema": "ahead"})
    db.session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    db.session.commit()
    migrated_app.extensions["schema_revisions"] = (heads, known)
    assert health(migrated_app) == (503, {"status": "error", "database": "ok", "schema": "outdated"})
    db.session.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    db.session.commit()


def test_a_database_never_migrated_fails_in_production_only(app):
    """The test suite's databases are made from the models (db.create_all), without migrations:
    their schema is the code's. In production, databases are only made by `flask db upgrade`."""
    assert health(app) == (200, {"status": "ok", "database": "ok", "schema": "unversioned"})
    app.config["ENV"] = "production"
    assert health(app) == (503, {"status": "error", "database": "ok", "schema": "not migrated"})


def test_a_database_that_does_not_answer_fails_the_health_check(tmp_path):
    (tmp_path / "gone").mkdir()
    app = create_app(app_settings(f"sqlite:///{tmp_path / 'gone' / 'consult.db'}", UPLOAD_FOLDER=str(tmp_path)))
    (tmp_path / "gone").rmdir()  # the database's disk unmounted since the start, say
    with app.app_context():
        assert health(app) == (503, {"status": "error", "database": "unavailable", "schema": "unknown"})
