"""Deleting one's account (the right to erasure, RGPD art. 17).

What identified the person goes: email address, name, password, language, roles, residency
verifications, API tokens, follows, notifications and their settings, the mail written to
them, to whichever address (an old one, one asked for and never confirmed; the mail queued
before OutgoingMail.user_id existed, by the current address alone). Other people's
notifications name them as they are when read (notifications/texts.py): "Deleted account"
from then on. What they said in public stays, signed "Deleted account": their proposals (with
their images) and comments belong to the debate others answered, as on Decidim or CONSUL;
their votes stay counted (they were secret, and counts must stay exact); the moderation
record keeps its decisions, and the staff activity log its entries (the roles and
verifications ending with the account among them). Every session of the account ends (its
session version changes) and the address may sign up again.
"""
from sqlalchemy import delete

from ..auth.models import ApiToken, SignIn
from ..auth.platform_admins import others_holding_the_role
from ..extensions import db
from ..mail import written_to
from ..notifications.models import Follow, Notification, NotificationPreference, OutgoingMail
from ..territories.models import Membership, ResidentVerification
from ..territories.staff_log import record_erasure


class ErasureRefused(Exception):
    """The account may not be deleted now; the message says why."""


def only_platform_admin(user, lock=False):
    """True when nobody else could run the platform after this person left (see
    auth.platform_admins.others_holding_the_role for `lock`)."""
    return bool(user.is_platform_admin) and not others_holding_the_role(user, lock)


def delete_account(user, now):
    """Erase the account in the request's transaction (the caller commits); raises
    ErasureRefused for the only platform admin."""
    if only_platform_admin(user, lock=True):
        raise ErasureRefused("only_platform_admin")
    record_erasure(user)
    for model in (ApiToken, SignIn, Follow, Notification, NotificationPreference, Membership, ResidentVerification):
        db.session.execute(delete(model).where(model.user_id == user.id))
    db.session.execute(delete(OutgoingMail).where(written_to(user)))
    user.email = f"deleted-{user.id}@deleted.invalid"  # .invalid never delivers; the address is free again
    user.display_name = ""
    user.password_hash = "!"  # matches no password
    user.locale = user.last_locale = None
    user.is_platform_admin = False
    user.session_version += 1
    user.deleted_at = now
    db.session.flush()
