"""Fixtures of the platform tests: apps on a database of their own, made by the migrations."""
import pytest
from sqlalchemy import text

from consult import create_app
from consult.extensions import db

from ..conftest import app_settings


@pytest.fixture
def empty_app(database_url, tmp_path):
    """An app on an empty database (a SQLite file, or an emptied PostgreSQL database)."""
    url = database_url if database_url.startswith("postgresql") else f"sqlite:///{tmp_path / 'm.db'}"
    app = create_app(app_settings(url, UPLOAD_FOLDER=str(tmp_path)))
    with app.app_context():
        _drop_everything()
        yield app
        db.session.remove()
        _drop_everything()
        db.engine.dispose()


def _drop_everything():
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
