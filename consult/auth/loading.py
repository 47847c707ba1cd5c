"""Flask-Login wiring: sessions carry the account's session version."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..extensions import db, login


def init_login(app):
    login.init_app(app)
    login.login_view = "auth.login"
    login.login_message = _l("Please sign in to continue.")
    login.login_message_category = "info"
    login.session_protection = "basic"

    @login.user_loader
    def load_user(user_id):
        from .models import User

        try:
            uid, version = (int(x) for x in str(user_id).split(":"))
        except ValueError:
            return None
        # Memberships come with the account (one query): the menu asks for them on every page.
        user = db.session.scalars(
            db.select(User).where(User.id == uid).options(joinedload(User.memberships))
        ).unique().first()
        if user is None or user.session_version != version:
            return None
        return user
