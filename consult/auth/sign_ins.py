"""Signing a browser in and out. Each sign-in is a row (models.SignIn) whose key the session
carries, so that signing out ends it on the server too, not only in the browser that asked.

A sign-in also gives the browser a new secret for its form tokens (CSRF): the session it had
before may have been given to it by somebody else (a cookie set by a neighbouring site of the
same domain, or over plain HTTP), who would know the tokens of the forms of the account."""
import secrets
from datetime import timedelta

from flask import current_app, g, request, session
from flask_login import current_user, login_user, logout_user
from sqlalchemy import delete

from ..database import utcnow
from ..extensions import db
from ..i18n import keep_chosen_language, note_language
from .models import SignIn


def _longest_life():
    """After this, neither the session nor the remember cookie of a sign-in can still be valid."""
    cfg = current_app.config
    return max(cfg["PERMANENT_SESSION_LIFETIME"], cfg.get("REMEMBER_COOKIE_DURATION") or timedelta(days=365))


def sign_in(user, remember=False):
    """Start a sign-in for `user` in this browser (flushed), forgetting their expired ones, and
    note the language the pages are shown in here (for the mail written to them later).

    The browser's previous sign-in ends, and its remember cookie goes unless this one is
    remembered: on a shared computer, the account somebody used before must not come back when
    the browser closes, nor stay open to a copy of its cookies."""
    _end_this_sign_in()
    now = utcnow()
    db.session.execute(delete(SignIn).where(SignIn.user_id == user.id, SignIn.created_at < now - _longest_life()))
    user.sign_in_key = secrets.token_hex(16)
    db.session.add(SignIn(key=user.sign_in_key, user_id=user.id, created_at=now))
    db.session.flush()
    login_user(user, remember=remember)
    keep_chosen_language(user)
    note_language(user)
    new_form_secret()
    if not remember and remembered():
        session["_remember"] = "clear"  # Flask-Login deletes the cookie with the response


def new_form_secret():
    """Forget the secret the form tokens of this browser are made with: the next page makes a
    new one, and the forms made with the old one are refused."""
    name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    session.pop(name, None)
    g.pop(name, None)


def remembered():
    """Whether this browser keeps its sign-in ("remember me")."""
    return bool(request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")))


def sign_out():
    """End this browser's sign-in, here and on the server."""
    _end_this_sign_in()
    logout_user()


def _end_this_sign_in():
    """End this browser's sign-in on the server, if it has one (the account's other browsers stay)."""
    if current_user.is_authenticated:
        end_sign_ins(current_user, only=current_user.__dict__.get("sign_in_key"))


def end_sign_ins(user, only=None):
    """Delete the user's sign-ins: all, or the one whose key is `only`."""
    query = delete(SignIn).where(SignIn.user_id == user.id)
    if only is not None:
        query = query.where(SignIn.key == only)
    db.session.execute(query)
