"""The session and "remember me" cookies: HTTPS only in production unless the environment says
otherwise, never readable by scripts, not sent along with other sites' requests."""
import pytest

from ..factories import PASSWORD
from ..helpers import fresh_config


def settings(monkeypatch, **environ):
    return fresh_config(monkeypatch, ("CONSULT_ENV", "SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"), **environ)


@pytest.mark.parametrize("environ, secure", [
    ({}, (False, False)),
    ({"CONSULT_ENV": "production"}, (True, True)),
    ({"CONSULT_ENV": "production", "SESSION_COOKIE_SECURE": "false"}, (False, False)),  # trying it over http
    ({"CONSULT_ENV": "production", "REMEMBER_COOKIE_SECURE": "0"}, (True, False)),
    ({"SESSION_COOKIE_SECURE": "true"}, (True, True)),
])
def test_cookies_are_secure_by_default_in_production_only(monkeypatch, environ, secure):
    cfg = settings(monkeypatch, **environ)
    assert (cfg.SESSION_COOKIE_SECURE, cfg.REMEMBER_COOKIE_SECURE) == secure
    assert cfg.SESSION_COOKIE_HTTPONLY and cfg.REMEMBER_COOKIE_HTTPONLY
    assert cfg.SESSION_COOKIE_SAMESITE == cfg.REMEMBER_COOKIE_SAMESITE == "Lax"


def test_signing_in_sets_both_cookies_with_their_flags(app, client, make):
    app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    make.user(email="alice@example.org")
    response = client.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD, "remember": "y"},
                           base_url="https://localhost")
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    for name in ("session", "remember_token"):
        flags = {part.strip() for part in cookies[name].split(";")}
        assert {"Secure", "HttpOnly", "SameSite=Lax"} <= flags, cookies[name]
