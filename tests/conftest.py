"""Shared fixtures: a fresh database per test, on SQLite or on PostgreSQL.

The suite runs on an in-memory SQLite database by default. With TEST_DATABASE_URL set to a
PostgreSQL URL, each pytest-xdist worker gets its own database (created on demand), and the
tables are emptied after each test.
"""
import os
from contextlib import ExitStack, contextmanager

import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from consult import create_app
from consult.config import TestConfig
from consult.extensions import db, limiter

from .factories import Factory

BASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def _worker_database(worker_id):
    """A PostgreSQL database of its own for each xdist worker."""
    url = make_url(BASE_URL)
    name = f"{url.database}_{worker_id}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def app_settings(database_url, base=TestConfig, **overrides):
    """Settings for an app on `database_url` (the engine is made in create_app: set it up front)."""
    settings = {k: getattr(base, k) for k in dir(base) if k.isupper()}
    settings.update(SQLALCHEMY_DATABASE_URI=database_url, **overrides)
    return settings


@pytest.fixture(scope="session")
def database_url(request):
    if BASE_URL.startswith("postgresql"):
        worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
        return _worker_database(worker)
    return "sqlite://"


@pytest.fixture(scope="session")
def is_postgres(database_url):
    return database_url.startswith("postgresql")


class Client(FlaskClient):
    """A test client whose requests read English unless they say otherwise.

    Source strings are English, so assertions read naturally; French — the default for a
    browser that asks for nothing — is checked by tests that send `Accept-Language: fr` (or an
    empty header). Each request also starts with fresh request globals, as in production: the
    test keeps one app context open (for factories and queries), which requests would
    otherwise share, carrying the signed-in person and the locale from one request to the next.
    """

    def open(self, *args, **kwargs):
        g.__dict__.clear()
        headers = dict(kwargs.pop("headers", None) or {})
        if not any(k.lower() == "accept-language" for k in headers):
            headers["Accept-Language"] = "en"
        return super().open(*args, headers=headers, **kwargs)


@contextmanager
def running_app(database_url, folder, **overrides):
    """An app on a fresh database, its context pushed; `overrides` are settings."""
    app = create_app(app_settings(database_url, UPLOAD_FOLDER=str(folder / "uploads"), **overrides))
    app.test_client_class = Client
    os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)
    with app.app_context():
        db.create_all()
        if database_url.startswith("postgresql"):
            _empty_tables()  # whatever an earlier test left behind
        limited = app.config["RATELIMIT_ENABLED"]
        if limited:
            limiter.reset()
        yield app
        if limited:
            limiter.reset()
        db.session.remove()
        if database_url.startswith("postgresql"):
            _empty_tables()
        else:
            db.drop_all()
        db.engine.dispose()


@pytest.fixture
def app(database_url, tmp_path):
    with running_app(database_url, tmp_path) as app:
        yield app


@pytest.fixture
def limited_app_with(database_url, tmp_path):
    """limited_app_with(**settings): an app of its own with rate limits on (the limiter reads
    its settings in create_app), instead of the `app` fixture."""
    with ExitStack() as stack:
        yield lambda **settings: stack.enter_context(
            running_app(database_url, tmp_path, RATELIMIT_ENABLED=True, **settings))


def _empty_tables():
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make(app):
    """Small factory functions: make.user(), make.territory(), make.consultation(), …"""
    return Factory()


@pytest.fixture
def login(client):
    """Sign a person in on the test client: login(user)."""
    def _login(user):
        Factory().signed_in(user)
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return user
    return _login


@pytest.fixture
def token_for():
    """token_for(user, scope='write') → headers with a fresh personal API token."""
    from consult.api.auth import create_token

    def _make(user, scope="write"):
        _token, raw = create_token(user, "tests", scope)
        db.session.commit()
        return {"Authorization": f"Bearer {raw}"}
    return _make

