"""Account logic: creating people, tokens for confirmation and password reset."""
import hashlib
import hmac

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..database import utcnow
from ..extensions import db
from ..i18n import mail_locale
from ..mail import external_url, queue_template, render_mail
from ..territories.staff_log import record
from .limits import may_mail
from .models import ApiToken, User
from .sign_ins import end_sign_ins


class AccountError(ValueError):
    pass


def normalize_email(email):
    return (email or "").strip().lower()


def find_user_by_email(email):
    return db.session.scalar(db.select(User).where(func.lower(User.email) == normalize_email(email)))


def create_user(email, display_name, password, confirmed=False, platform_admin=False, last_locale=None):
    """Add a person to the session (flushed, not committed). Raises AccountError if the address is taken.
    A platform admin made here (from the command line) is in the staff activity log."""
    if find_user_by_email(email) is not None:
        raise AccountError("email-taken")
    now = utcnow()
    user = User(email=normalize_email(email), display_name=display_name.strip(), last_locale=last_locale,
                is_platform_admin=platform_admin, confirmed_at=now if confirmed else None,
                terms_accepted_at=now)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    if platform_admin:
        record("platform_admin_appointed", user)
    return user


def _serializer(salt):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def email_tag(user):
    """A short keyed digest of the account's address (keyed: whoever holds a token can decode it)."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalize_email(user.email).encode(), hashlib.sha256).hexdigest()[:16]


def _token_data(user, purpose):
    """What a token for `purpose` says; a token stays valid while it says what one made now would:
    both die with the address they were sent to, a reset token with the password too (session
    version)."""
    if purpose == "reset":
        return {"id": user.id, "v": user.session_version, "e": email_tag(user)}
    return {"id": user.id, "v": 0, "e": email_tag(user)}


def make_token(user, purpose):
    """A signed token for `purpose` ('confirm' or 'reset')."""
    return _serializer(purpose).dumps(_token_data(user, purpose))


def read_token(token, purpose, max_age):
    """The person named by a valid token, or None when forged, expired, used or overtaken."""
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("id", 0)) if isinstance(data, dict) else None
    if user is None or user.deleted_at is not None or data != _token_data(user, purpose):
        return None
    return user


# --- registration, confirmation, sign-in, password --------------------------------------

# A real hash of a random password, checked when no account matches, so that a wrong
# address takes as long to answer as a wrong password.
_DUMMY_HASH = None


def _dummy_hash():
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = generate_password_hash("not-a-password-of-anyone")
    return _DUMMY_HASH


def register(email, display_name, password, locale):
    """Start an account for this address without saying whether it had one: a new address gets
    an unconfirmed account and its confirmation link; an address that has an account gets a
    message for its owner instead, with a link to choose a new password, or its confirmation
    link again while it is not confirmed (signing in would be refused; the first link may have
    expired, and the page it opens offers a new password too). Either way the request
    hashes a password and queues one mail (unless MAIL_PER_ADDRESS_RATE_LIMIT of them went to
    the address lately), so neither the page nor its timing tells them apart.
    `locale`, the language of the page, is the one mail follows until the person signs in: no
    choice of theirs, which the switcher makes (kept as one, it would override the language they
    switch to before their first sign-in, which i18n.keep_chosen_language makes theirs).
    Returns the new account (flushed, not committed), or None."""
    try:
        with db.session.begin_nested():
            user = create_user(email, display_name, password, last_locale=locale)
    except (AccountError, IntegrityError):  # IntegrityError: taken by a request running alongside
        generate_password_hash(password)  # as long as creating the account would have taken
        if may_mail(email):
            owner = find_user_by_email(email)
            if owner.is_confirmed:
                send_account_exists(owner, locale)
            else:
                send_confirmation(owner, locale)
        return None
    if may_mail(email):
        send_confirmation(user, locale)
    return user


def send_account_exists(user, locale=None):
    """Tell the owner of an address that somebody tried to create an account with it."""
    return queue_template(user.email, mail_locale(user, locale), "account_exists", _l("You already have an account"),
                          user=user, login_url=external_url("auth.login"), **_reset_link(user))


def send_confirmation(user, locale=None):
    """The confirmation link, in the person's language (`locale`: their page's, when they ask)."""
    url = external_url("auth.confirm", token=make_token(user, "confirm"))
    return queue_template(user.email, mail_locale(user, locale), "confirm",
                          _l("Confirm your email address"), user=user, url=url,
                          max_age_days=max(1, current_app.config["CONFIRM_TOKEN_MAX_AGE"] // 86400))


def confirm_user(user):
    """Mark the address as confirmed (flushed), unless it already was: the roles in the
    territories' teams it was invited to are given then."""
    from ..territories.invitations import accept_waiting

    if user.confirmed_at is None:
        user.confirmed_at = utcnow()
        db.session.flush()
        accept_waiting(user)


def confirm_with_password(user, password):
    """Confirm the address of the account whose confirmation link was opened, when `password`
    is the account's (the link proves the address; the password, that whoever holds it created
    the account): every other sign-in of the account ends. False when it is not its password."""
    if not user.check_password(password or ""):
        return False
    confirm_user(user)
    end_sign_ins(user)
    return True


def authenticate(email, password):
    """The person with this address and password, or None. An account whose address is not
    confirmed is None too, taking as long: anybody may have opened it with that address and a
    password of their own (register), so signing in would tell that it exists; its owner signs
    in by confirming (the confirmation page asks for the password too)."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_dummy_hash(), password or "")
        return None
    return user if user.check_password(password or "") and user.is_confirmed else None


RESET_SUBJECT = _l("Choose a new password")


def request_password_reset(email, locale=None):
    """Queue a reset link when the address has an account (and MAIL_PER_ADDRESS_RATE_LIMIT lets
    one more mail go to it, whichever address it is); say nothing either way, and take as long:
    for an address without an account, the same mail is written, for nobody, and not queued."""
    user = find_user_by_email(email)
    if not may_mail(email):
        return None
    if user is None:
        nobody = User(email=normalize_email(email), display_name="")
        render_mail(locale, "reset", RESET_SUBJECT, user=nobody, **_reset_link(nobody))
        return None
    return queue_template(user.email, mail_locale(user, locale), "reset", RESET_SUBJECT, user=user, **_reset_link(user))


def _reset_link(user):
    """The link to choose a new password, and how many hours it works."""
    return {"reset_url": external_url("auth.reset_password", token=make_token(user, "reset")),
            "max_age_hours": max(1, current_app.config["RESET_TOKEN_MAX_AGE"] // 3600)}


def change_password(user, password):
    """New password; every other session, remember cookie, reset link, pending change of
    address and API token stops working. Returns how many tokens were revoked."""
    user.set_password(password)
    user.session_version = (user.session_version or 1) + 1
    end_sign_ins(user)
    revoked = db.session.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                                 .values(revoked_at=utcnow())).rowcount
    db.session.flush()
    return revoked
