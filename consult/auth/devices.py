"""Browsers an account has signed in from. Refused sign-ins from anywhere may lock an email
address for a while (limits.ACCOUNT_LOGIN_RATE_LIMIT): somebody guessing, or somebody who
only wants to shut its owner out. The lock does not apply in a browser where the account has
signed in before, which a signed cookie remembers (a year, up to five accounts per browser):
its owner keeps signing in as usual, however many guesses are refused elsewhere."""
from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .services import find_user_by_email

COOKIE = "known_device"
DAYS = 365
ACCOUNTS = 5


def _serializer():
    return URLSafeTimedSerializer(current_app.secret_key, salt="known-device")


def _known_ids():
    raw = request.cookies.get(COOKIE)
    if not raw:
        return []
    try:
        ids = _serializer().loads(raw, max_age=DAYS * 86400)
    except BadSignature:  # forged, or too old
        return []
    return [i for i in ids if type(i) is int] if isinstance(ids, list) else []


def has_signed_in_here(email):
    """Whether the account of this address has signed in from this browser before."""
    ids = _known_ids()
    if not ids:
        return False
    user = find_user_by_email(email)
    return user is not None and user.id in ids


def remember_device(response, user):
    """Add the account to the browser's cookie of accounts signed in from it; returns `response`."""
    ids = [user.id, *(i for i in _known_ids() if i != user.id)][:ACCOUNTS]
    cfg = current_app.config
    response.set_cookie(COOKIE, _serializer().dumps(ids), max_age=DAYS * 86400, httponly=True,
                        secure=cfg["SESSION_COOKIE_SECURE"], samesite="Lax")
    return response
