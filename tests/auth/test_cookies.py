"""The session and "remember me" cookies: HTTPS only in production unless the environment says
otherwise, never readable by scripts, not sent along with other sites' requests; the session a
browser had before signing in does not carry over the secret of its forms."""
import re

import pytest

from consult.extensions import db

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


def _form_token(client, path):
    """The CSRF token of the forms of a page, as the browser on `client` gets it."""
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(path).text).group(1)


def _given_a_session(app, victim):
    """Somebody opens a page, then gives their session cookie to the victim's browser (a cookie
    set by a neighbouring site of the same domain, or over plain HTTP): the token of their forms."""
    attacker = app.test_client()
    token = _form_token(attacker, "/auth/login")
    victim.set_cookie("session", attacker.get_cookie("session").value)
    return token


def _renamed_with(client, token):
    return client.post("/me", data={"csrf_token": token, "display_name": "Mallory", "locale": "fr"})


def test_a_session_given_before_signing_in_does_not_sign_the_accounts_forms(app, client, make):
    app.config["WTF_CSRF_ENABLED"] = True
    alice = make.user(email="alice@example.org", name="Alice")
    token = _given_a_session(app, client)
    client.post("/auth/login", data={"csrf_token": _form_token(client, "/auth/login"),
                                     "email": "alice@example.org", "password": PASSWORD})
    assert client.get("/me").status_code == 200  # signed in
    assert _renamed_with(client, token).status_code == 400
    assert "Your form expired or was sent from elsewhere." in _renamed_with(client, token).text
    assert _renamed_with(client, _form_token(client, "/me")).status_code == 302  # her own page's form works
    db.session.refresh(alice)
    assert alice.display_name == "Mallory"


def test_a_session_given_to_a_remembered_browser_does_not_sign_the_accounts_forms(app, client, make):
    """The browser signs in again with its remember cookie, in the session it was given: the
    form sent with that session's token is refused, and the next pages have tokens of their own."""
    app.config["WTF_CSRF_ENABLED"] = True
    alice = make.user(email="alice@example.org", name="Alice")
    client.post("/auth/login", data={"csrf_token": _form_token(client, "/auth/login"),
                                     "email": "alice@example.org", "password": PASSWORD, "remember": "y"})
    token = _given_a_session(app, client)
    assert _renamed_with(client, token).status_code == 400
    db.session.refresh(alice)
    assert alice.display_name == "Alice"
    assert client.get("/me").status_code == 200  # still signed in, by the remember cookie
    assert _renamed_with(client, token).status_code == 400
    assert _renamed_with(client, _form_token(client, "/me")).status_code == 302
