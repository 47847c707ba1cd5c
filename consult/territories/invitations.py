"""Invitations to a territory's team, for an address no account uses yet.

Staff appoint people by address (admin/members.py): an address with an account is given the
role (services.add_member); an address without one (core.accounts.live_account) is sent an
invitation, whose link leads to creating the account. The account created with the address
gets the role as soon as the address is confirmed; an account that uses it already, when it
opens the link signed in.
The link's token is kept only as its digest: it works INVITATION_DAYS days, once, and no
longer once the invitation is withdrawn or sent again, or once whoever sent it may no longer
give the role (permissions.invitation_stands).

Functions add and flush; the request commits once.
"""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from .. import permissions
from ..auth.limits import may_mail
from ..auth.services import normalize_email
from ..database import lock_row, utcnow
from ..extensions import db
from ..mail import external_url, queue_template
from .models import Invitation
from .services import MemberError, add_member

INVITATION_DAYS = 14


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def offer(invitation, platform):
    """The sentence saying who invites the person to do what, and where: a lazy string, written
    in the language of the page or the mail it is shown in."""
    values = {"name": invitation.invited_by.display_name, "territory": invitation.territory.name,
              "platform": platform}
    if invitation.role == "admin":
        return _l("%(name)s invites you to become an admin of %(territory)s on %(platform)s: you will run its "
                  "consultations and review its contributions.", **values)
    return _l("%(name)s invites you to become a moderator of %(territory)s on %(platform)s: you will review its "
              "contributions.", **values)


def invite(territory, email, role, actor, locale):
    """Send the address an invitation to take `role` in `territory`, in `locale` (the language
    of the page it is sent from). Inviting the address again to the same role renews its
    invitation: a new link, which works INVITATION_DAYS days more; the one sent before no
    longer does. Returns (the invitation, whether it was renewed)."""
    address = normalize_email(email)
    if not may_mail(address):  # sent again and again, the invitations would flood the mailbox
        raise MemberError(_l("Several mails have gone to this address in the last hour: send the invitation "
                             "again later."))
    lock_row(territory)  # the same address invited twice at once: the second renews the first
    now = utcnow()
    invitation = db.session.scalar(db.select(Invitation).filter_by(territory_id=territory.id, email=address,
                                                                    role=role))
    renewed = invitation is not None
    if not renewed:
        invitation = Invitation(territory=territory, email=address, role=role)
        db.session.add(invitation)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _digest(token)
    invitation.invited_by = actor
    invitation.created_at = now
    invitation.expires_at = now + timedelta(days=INVITATION_DAYS)
    db.session.flush()
    queue_template(address, locale, "invitation", _l("Invitation to the team of %(territory)s",
                                                      territory=territory.name),
                   territory=territory.name, offer=offer(invitation, current_app.config["PLATFORM_NAME"]),
                   days=INVITATION_DAYS, url=external_url("auth.invitation", token=token))
    return invitation, renewed


def by_token(token):
    """The invitation whose link carries `token`, or None (never sent, used, withdrawn or renewed)."""
    return db.session.scalar(db.select(Invitation).where(Invitation.token_hash == _digest(token))
                             .options(joinedload(Invitation.territory), joinedload(Invitation.invited_by)))


def invitations_of(territory):
    """The territory's invitations not used nor withdrawn (the expired ones too), admins first."""
    return db.session.scalars(db.select(Invitation).where(Invitation.territory_id == territory.id)
                              .options(joinedload(Invitation.invited_by))
                              .order_by(Invitation.role, Invitation.email)).all()


def accept(invitation, user):
    """Give the invited role to `user`, signed in with the invited address
    (permissions.can_accept_invitation): the Membership, appointed by whoever invited them (the
    invitation is used: add_member drops it). MemberError as add_member, and when the invitation
    was withdrawn or sent again since it was read."""
    _lock_unchanged(invitation)
    return add_member(invitation.territory, user.email, invitation.role, actor=invitation.invited_by)


def _lock_unchanged(invitation):
    """Lock the invitation's row as it was read, until the request ends: staff withdrawing it or
    sending it again meanwhile (another request) make it give no role. MemberError then."""
    still = db.session.scalar(db.select(Invitation.id).where(Invitation.id == invitation.id,
                                                             Invitation.token_hash == invitation.token_hash)
                              .with_for_update())
    if still is None:
        raise MemberError(_l("This invitation was withdrawn or sent again meanwhile: its link no longer works."))


def accept_waiting(user):
    """The address of `user` was just confirmed: give it the roles it was invited to (in each
    territory the strongest, admin, when invited to both), unless their invitation expired or
    no longer stands. A role that cannot be given (a block) leaves its invitation waiting."""
    waiting = db.session.scalars(db.select(Invitation).where(Invitation.email == normalize_email(user.email),
                                                             Invitation.expires_at > utcnow())
                                 .order_by(Invitation.role)).all()  # "admin" before "moderator"
    done = set()
    for invitation in waiting:
        if invitation.territory_id in done or not permissions.invitation_stands(invitation):
            continue
        try:
            accept(invitation, user)
        except MemberError:
            continue
        done.add(invitation.territory_id)


def withdraw(invitation):
    """Its link no longer works."""
    db.session.delete(invitation)
    db.session.flush()
