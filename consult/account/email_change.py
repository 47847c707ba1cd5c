"""Changing one's email address: the new address is used once its owner opens the link sent
to it and confirms on the page it opens; the old address is then told, in case somebody else
did it."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import update

from ..auth.models import User
from ..auth.limits import may_mail
from ..auth.services import AccountError, find_user_by_email, normalize_email
from ..auth.sign_ins import end_sign_ins
from ..database import utcnow
from ..extensions import db
from ..i18n import current_locale, mail_locale
from ..mail import external_url, queue_template
from ..notifications.models import OutgoingMail

SALT = "email-change"


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _max_age_days():
    return max(1, current_app.config["CONFIRM_TOKEN_MAX_AGE"] // 86400)


def request_email_change(user, new_email, locale=None):
    """Send the confirmation link to the new address, or AccountError('same').

    An address that has an account gets a message for its owner instead, and the person asking
    is answered as for any address: neither the page nor their data export (which shows the
    link's mail once they use the address) tells who has an account. Past
    MAIL_PER_ADDRESS_RATE_LIMIT mails to the address, nothing is sent, and the answer is the
    same: nobody floods a mailbox by asking to move to it."""
    new_email = normalize_email(new_email)
    if new_email == normalize_email(user.email):
        raise AccountError("same")
    if not may_mail(new_email):
        return None
    owner = find_user_by_email(new_email)
    if owner is not None:
        return queue_template(owner.email, mail_locale(owner), "email_taken", _l("Your email address was not changed"),
                              user=owner)
    token = _serializer().dumps({"id": user.id, "old": user.email, "new": new_email, "v": user.session_version})
    url = external_url("account.confirm_email", token=token)
    mail = queue_template(new_email, mail_locale(user, locale), "email_change", _l("Confirm your new email address"),
                          user=user, url=url, new_email=new_email, max_age_days=_max_age_days())
    mail.to_new_address = True
    return mail


def read_email_change(token):
    """The person and the new address of a valid link, or None when the link is forged,
    expired, already used or overtaken (the address changed since, or was taken meanwhile, or
    the password changed: whoever asked for the change may have been an intruder)."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("id", 0))
    if (user is None or user.deleted_at is not None or user.email != data.get("old")
            or user.session_version != data.get("v")):
        return None
    if find_user_by_email(data["new"]) is not None:
        return None
    return user, data["new"]


def change_email(user, new_email):
    """Use the new address of a link read by read_email_change (flushed), and tell the old one.

    The change ends every sign-in of the account, as a new password does: the links sent
    before it, this one included, stop working (even after changing back to the address they
    were sent from), and so do the sessions of whoever asked for it, if not the owner. The roles
    in the territories' teams the new address was invited to are given, as on confirming it."""
    from ..territories.invitations import accept_waiting  # the territories' logic needs the accounts'

    old = user.email
    user.email = new_email
    user.confirmed_at = user.confirmed_at or utcnow()  # the link proves the new address
    user.session_version = (user.session_version or 1) + 1
    end_sign_ins(user)
    # The account now owns the address: its data download shows the links sent there for good,
    # also once it moves on to another one.
    db.session.execute(update(OutgoingMail).where(OutgoingMail.user_id == user.id, OutgoingMail.recipient == user.email)
                       .values(to_new_address=False))
    db.session.flush()
    accept_waiting(user)
    queue_template(old, mail_locale(user, current_locale()), "email_changed", _l("Your email address was changed"), user=user,
                   contact=current_app.config.get("CONTACT_EMAIL"))
