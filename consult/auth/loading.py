"""Flask-Login wiring: sessions carry the account's session version and the key of their
sign-in (sign_ins.py); the account is read only while that sign-in exists."""
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from ..extensions import db, login


@cache
def _account_query():
    """The account by id, built once: every signed-in request runs it (Session.get costs a
    quarter more, building its query each time)."""
    from .models import SignIn, User

    return (select(User).join(SignIn, SignIn.user_id == User.id)
            .where(User.id == bindparam("id"), SignIn.key == bindparam("key")))


def init_login(app):
    login.init_app(app)
    login.login_view = "auth.login"
    login.login_message = _l("Please sign in to continue.")
    login.login_message_category = "info"
    login.session_protection = "basic"

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
