"""Personal API tokens: created once, stored hashed, sent as `Authorization: Bearer <token>`.

The API never reads the session cookie: a token acts with its owner's permissions, and
without one the caller is anonymous (so there is no CSRF hole for writes). The token's owner
becomes Flask-Login's `current_user` for the request, without touching the session;
`g.api_token` keeps the token itself (its scope).
"""
import hashlib
import secrets
from datetime import timedelta

from flask import abort, g, request
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.models import ApiToken
from ..core.errors import fail
from ..database import utcnow, write_transaction
from ..extensions import db, is_write_request, login

SCOPES = ("read", "write")
PREFIX = "cst_"


def hash_token(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(user, name, scope="read"):
    """Make a token for `user`; returns (ApiToken, raw token to show once)."""
    if scope not in SCOPES:
        raise ValueError(scope)
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, scope=scope, token_hash=hash_token(raw))
    db.session.add(token)
    db.session.flush()
    return token, raw


def bearer_token():
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not raw.strip():
        abort(401)
    return raw.strip()


def authenticate():
    """Before each API request: the caller becomes `current_user` (anonymous without a token),
    and its token `g.api_token`. Flask-Login's per-request user is set here, so the session
    cookie is never read."""
    g.api_token, g._login_user = None, login.anonymous_user()
    raw = bearer_token()
    if raw is None:
        return
    token = db.session.scalar(db.select(ApiToken).filter_by(token_hash=hash_token(raw)))
    if token is None or token.revoked_at is not None:
        abort(401)
    g.api_token, g._login_user = token, token.user
    _mark_used(token)


# How precisely "last used" follows a token that only reads: one write per few minutes, not
# one per request.
READ_USE_PRECISION = timedelta(minutes=5)


def _mark_used(token):
    """Its owner sees when the token was last used (on /me/tokens): a leaked token in use shows.
    A write notes it with its own writes; a read, in a short write of its own when the last
    note is a few minutes old."""
    now = utcnow()
    if is_write_request():
        token.last_used_at = now
    elif token.last_used_at is None or now - token.last_used_at > READ_USE_PRECISION:
        with write_transaction():
            token.last_used_at = now


def require_write():
    """Writes need a token with the write scope: 401 without a token, 403 with a read token.
    Returns the token's owner."""
    if g.get("api_token") is None:
        abort(401)
    if g.api_token.scope != "write":
        fail(403, _("This token may only read. Create a token with the write scope on the API tokens page of "
                    "your account."))
    return current_user._get_current_object()
