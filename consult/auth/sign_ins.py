"""Signing a browser in and out. Each sign-in is a row (models.SignIn) whose key the session
carries, so that signing out ends it on the server too, not only in the browser that asked."""
import secrets
from datetime import timedelta

from flask import current_app
from flask_login import current_user, login_user, logout_user
from sqlalchemy import delete

from ..database import utcnow
from ..extensions import db
from .models import SignIn


def _longest_life():
    """After this, neither the session nor the remember cookie of a sign-in can still be valid."""
    cfg = current_app.config
    return max(cfg["PERMANENT_SESSION_LIFETIME"], cfg.get("REMEMBER_COOKIE_DURATION") or timedelta(days=365))


def sign_in(user, remember=False):
    """Start a sign-in for `user` in this browser (flushed), forgetting their expired ones."""
    now = utcnow()
    db.session.execute(delete(SignIn).where(SignIn.user_id == user.id, SignIn.created_at < now - _longest_life()))
    user.sign_in_key = secrets.token_hex(16)
    db.session.add(SignIn(key=user.sign_in_key, user_id=user.id, created_at=now))
    db.session.flush()
    login_user(user, remember=remember)


def sign_out():
    """End this browser's sign-in, here and on the server."""
    if current_user.is_authenticated:
        end_sign_ins(current_user, only=current_user.__dict__.get("sign_in_key"))
    logout_user()


def end_sign_ins(user, only=None):
    """Delete the user's sign-ins: all, or the one whose key is `only`."""
    query = delete(SignIn).where(SignIn.user_id == user.id)
    if only is not None:
        query = query.where(SignIn.key == only)
    db.session.execute(query)
