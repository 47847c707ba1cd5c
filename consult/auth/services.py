"""Account logic: creating people, tokens for confirmation and password reset."""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func

from ..database import utcnow
from ..extensions import db
from .models import User


class AccountError(ValueError):
    pass


def normalize_email(email):
    return (email or "").strip().lower()


def find_user_by_email(email):
    return db.session.scalar(db.select(User).where(func.lower(User.email) == normalize_email(email)))


def create_user(email, display_name, password, confirmed=False, platform_admin=False, locale=None):
    """Add a person to the session (flushed, not committed). Raises AccountError if the address is taken."""
    if find_user_by_email(email) is not None:
        raise AccountError("email-taken")
    now = utcnow()
    user = User(email=normalize_email(email), display_name=display_name.strip(), locale=locale,
                is_platform_admin=platform_admin, confirmed_at=now if confirmed else None,
                terms_accepted_at=now)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def _serializer(salt):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_token(user, purpose):
    """A signed token for `purpose` ('confirm' or 'reset'); a reset token dies with the password."""
    data = {"id": user.id, "v": user.session_version if purpose == "reset" else 0}
    return _serializer(purpose).dumps(data)


def read_token(token, purpose, max_age):
    """The person named by a valid token, or None when forged, expired or used."""
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("id", 0))
    if user is None or (purpose == "reset" and data.get("v") != user.session_version):
        return None
    return user
