"""Flask-Login wiring: sessions carry the account's session version and the key of their
sign-in (sign_ins.py); the account is read only while that sign-in exists."""
from functools import cache

from flask import flash, g, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import user_loaded_from_cookie
from flask_wtf.csrf import CSRFError
from sqlalchemy import bindparam, select

from ..core.urls import page_address
from ..extensions import db, login
from ..i18n import note_language
from .sign_ins import new_form_secret


@cache
def _account_query():
    """The account by id, built once: every signed-in request runs it (Session.get costs a
    quarter more, building its query each time)."""
    from .models import SignIn, User

    return (select(User).join(SignIn, SignIn.user_id == User.id)
            .where(User.id == bindparam("id"), SignIn.key == bindparam("key")))


def _signed_in_again(app, user):
    """A browser whose session had no sign-in, signed in again by its remember cookie: its
    form secret is renewed as at any sign-in, and a form this request sent, whose token was
    checked against the old secret, is refused (whoever gave the browser that session knew it).
    The language of this browser's pages is noted, as at any sign-in: once a browser session."""
    new_form_secret()
    note_language(user)
    if g.get("csrf_valid"):
        raise CSRFError()  # answered as any form whose token does not match (core/errors.py)


def init_login(app):
    login.init_app(app)
    user_loaded_from_cookie.connect(_signed_in_again, app)
    login.login_view = "auth.login"
    login.login_message = _l("Please sign in to continue.")
    login.login_message_category = "info"
    login.session_protection = "basic"

    @login.unauthorized_handler
    def sign_in_first():
        """To the sign-in page, which leads back to this page; for a form sent once the sign-in
        had ended (a comment, following a debate…), back to the page the form was on: the
        address of a POST answers 405 to the GET that follows the sign-in."""
        flash(login.login_message, login.login_message_category)
        return redirect(url_for(login.login_view, next=page_address()))

    @login.user_loader
    def load_user(user_id):
        try:
            uid, version, key = str(user_id).split(":")
            uid, version = int(uid), int(version)
        except ValueError:
            return None
        # Memberships are loaded when first asked for (the menu of a page does; a vote does not).
        user = db.session.execute(_account_query(), {"id": uid, "key": key}).scalar_one_or_none()
        if user is None or user.session_version != version:
            return None
        user.sign_in_key = key
        return user
