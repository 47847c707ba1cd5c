"""Flask-Login wiring: sessions carry the account's session version."""
from flask_babel import lazy_gettext as _l

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
        # Memberships are loaded when first asked for (the menu of a page does; a vote does not).
        user = db.session.get(User, uid)
        if user is None or user.session_version != version:
            return None
        return user
