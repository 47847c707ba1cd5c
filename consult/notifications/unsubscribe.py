"""Signed one-click unsubscribe links (RFC 8058)."""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from .services import KINDS, MANDATORY_KINDS

SALT = "consult.notifications.unsubscribe"


class InvalidToken(Exception):
    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(user, kinds):
    """A token that turns off the email of `kinds` (a kind or a list of kinds) for `user`, while
    the account keeps the address the mail went to."""
    from ..auth.services import email_tag

    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    kinds = sorted(k for k in set(kinds) if k in KINDS and k not in MANDATORY_KINDS)
    return _serializer().dumps({"u": user.id, "k": kinds, "e": email_tag(user)})


def addressed_to(user, token_data_tag):
    """Whether a token made for the account's address still is: a link in mail sent to a former
    address no longer acts (tokens made before they carried the address are taken as they are)."""
    from ..auth.services import email_tag

    return token_data_tag is None or token_data_tag == email_tag(user)


def read_token(token):
    """Returns (user_id, kinds, address tag or None); raises InvalidToken when forged, malformed
    or expired."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["UNSUBSCRIBE_TOKEN_MAX_AGE"])
    except SignatureExpired as exc:
        raise InvalidToken(expired=True) from exc
    except BadSignature as exc:
        raise InvalidToken() from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), list):
        raise InvalidToken()
    kinds = [k for k in data["k"] if k in KINDS and k not in MANDATORY_KINDS]
    if not kinds:
        raise InvalidToken()
    return data["u"], kinds, data.get("e")


def unsubscribe_headers(url):
    """List-Unsubscribe with the https (or http in development) URL, one-click POST allowed."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
