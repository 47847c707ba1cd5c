"""Values the platform cannot use (a number with a unit, a city instead of a time zone, a rate
limit in words, the database's address as a hosting service writes it) are refused at the
start, with one sentence naming the variable and what it accepts, instead of a traceback, a
limit quietly off, or every page failing later."""
import pytest

from consult import config, create_app
from consult.config import ConfigError
from consult.extensions import db

from ..helpers import fresh_config
from .test_settings import GOOD_ENVIRON, run_wsgi

DEV = {"ENV": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"}


@pytest.mark.parametrize("changes, sentence", [
    ({"BABEL_DEFAULT_TIMEZONE": "Paris"},
     "TIMEZONE is 'Paris': it must be a time zone name such as Europe/Paris (or Indian/Reunion, America/Cayenne)."),
    ({"LOGIN_RATE_LIMIT": "often"},
     "LOGIN_RATE_LIMIT is 'often': it must be a rate limit such as '10 per 15 minutes' or '30 per minute'."),
    ({"POST_RATE_LIMIT": "30 per fortnight"},
     "POST_RATE_LIMIT is '30 per fortnight': it must be a rate limit such as '10 per 15 minutes' or '30 per minute'."),
    ({"API_RATE_LIMIT": ""},
     "API_RATE_LIMIT is '': it must be a rate limit such as '10 per 15 minutes' or '30 per minute'."),
    ({"MAIL_PORT": "587x"}, "MAIL_PORT is '587x': it must be a port number from 1 to 65535, e.g. 587."),
    ({"MAIL_PORT": 70000}, "MAIL_PORT is 70000: it must be a port number from 1 to 65535, e.g. 587."),
    ({"MAX_CONTENT_LENGTH": "12m"},
     "MAX_CONTENT_LENGTH is '12m': it must be a number of bytes, e.g. 12582912 for 12 MiB."),
    ({"TRUSTED_PROXIES": -1},
     "TRUSTED_PROXIES is -1: it must be a number of proxies, e.g. 1 behind one nginx (0: none)."),
    ({"SQLALCHEMY_ENGINE_OPTIONS": {"pool_recycle": "30min"}},
     "POOL_RECYCLE is '30min': it must be a number of seconds, e.g. 1800."),
    ({"RATELIMIT_ENABLED": "ture"}, "RATELIMIT_ENABLED is 'ture': it must be true or false."),
    ({"MAIL_DEFAULT_SENDER": "Participation"},  # the name, without the address
     "MAIL_DEFAULT_SENDER is 'Participation': it must be the address the mail comes from, "
     "e.g. Participation <participation@ville.fr>."),
    ({"PLATFORM_NAME": " "}, "PLATFORM_NAME is ' ': it must be the name of the platform, 1 to 60 characters, "
                             "e.g. Villeneuve participe."),
    ({"PLATFORM_NAME": "Villeneuve " * 6}, f"PLATFORM_NAME is {'Villeneuve ' * 6!r}: it must be the name of the "
                                           "platform, 1 to 60 characters, e.g. Villeneuve participe."),
    ({"SQLALCHEMY_DATABASE_URI": "consult.db"},
     "DATABASE_URL cannot be used: it must be of the form sqlite:///path/to/consult.db or "
     "postgresql://user:password@host/database."),
    ({"SQLALCHEMY_DATABASE_URI": "mysql://consult@127.0.0.1/consult"},
     "DATABASE_URL cannot be used: it must be of the form sqlite:///path/to/consult.db or "
     "postgresql://user:password@host/database."),
])
def test_a_value_that_cannot_be_used_stops_the_start_with_one_sentence(tmp_path, changes, sentence):
    with pytest.raises(ConfigError) as refused:
        create_app({**DEV, "UPLOAD_FOLDER": str(tmp_path), **changes})
    assert str(refused.value) == sentence


@pytest.mark.parametrize("uri, sentence", [
    ("memcache://127.0.0.1", "RATELIMIT_STORAGE_URI cannot be used: it must be memory:// or redis://host:port "
                             "(e.g. redis://127.0.0.1:6379)."),
    ("redis://:secret@127.0.0.1:6379", "RATELIMIT_STORAGE_URI is a Redis address, but the redis package is not "
                                       "installed: .venv/bin/pip install -e '.[redis]'."),
])
def test_a_rate_limit_storage_that_cannot_be_used_stops_the_start(monkeypatch, tmp_path, uri, sentence):
    monkeypatch.setattr(config, "_installed", lambda module: False)
    with pytest.raises(ConfigError) as refused:
        create_app({**DEV, "UPLOAD_FOLDER": str(tmp_path), "RATELIMIT_STORAGE_URI": uri})
    assert str(refused.value) == sentence and "secret" not in sentence


def test_usable_values_start(tmp_path):
    app = create_app({**DEV, "UPLOAD_FOLDER": str(tmp_path), "BABEL_DEFAULT_TIMEZONE": "Indian/Reunion",
                      "LOGIN_RATE_LIMIT": "5/minute", "POST_RATE_LIMIT": "10 per minute; 100 per day"})
    assert app.config["BABEL_DEFAULT_TIMEZONE"] == "Indian/Reunion"


def test_numbers_with_a_unit_name_their_variable_instead_of_a_traceback(tmp_path):
    result = run_wsgi(tmp_path, {"MAIL_PORT": "587x", "MAX_CONTENT_LENGTH": "12m", "TIMEZONE": "Paris",
                                 "UPLOAD_FOLDER": str(tmp_path / "uploads")})
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "Consult cannot start: MAIL_PORT is '587x': it must be a port number from 1 to 65535, e.g. 587.",
        "Consult cannot start: MAX_CONTENT_LENGTH is '12m': it must be a number of bytes, e.g. 12582912 for 12 MiB.",
        "Consult cannot start: TIMEZONE is 'Paris': it must be a time zone name such as Europe/Paris "
        "(or Indian/Reunion, America/Cayenne)."]


@pytest.mark.parametrize("given", ["postgres://consult:secret@db.example.net:5432/consult",
                                   "postgresql://consult:secret@db.example.net:5432/consult",
                                   "postgresql+psycopg://consult:secret@db.example.net:5432/consult"])
def test_a_postgresql_address_as_hosting_services_give_it_uses_the_project_s_driver(monkeypatch, tmp_path, given):
    settings = fresh_config(monkeypatch, DATABASE_URL=given)
    assert settings.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://consult:secret@db.example.net:5432/consult"
    app = create_app({**DEV, "UPLOAD_FOLDER": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": settings.SQLALCHEMY_DATABASE_URI})
    with app.app_context():  # the engine is made without connecting
        assert (db.engine.dialect.name, db.engine.dialect.driver) == ("postgresql", "psycopg")


def test_the_production_example_starts_with_a_hosting_service_s_address(tmp_path):
    result = run_wsgi(tmp_path, {**GOOD_ENVIRON, "DATABASE_URL": "postgres://consult:secret@127.0.0.1:1/consult",
                                 "UPLOAD_FOLDER": str(tmp_path / "uploads")})
    assert result.returncode == 0, result.stderr


def test_a_true_or_false_left_empty_keeps_its_default(monkeypatch):
    """`SESSION_COOKIE_SECURE=` left empty in a production .env must not turn secure cookies off."""
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "")
    assert config._bool("SESSION_COOKIE_SECURE", True) is True
    monkeypatch.setenv("SESSION_COOKIE_SECURE", " false ")
    assert config._bool("SESSION_COOKIE_SECURE", True) is False
