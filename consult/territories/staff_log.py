"""The staff activity log: who gave whom which rights, and when. A territory's team (appointed,
role changed, removed), its verified residents, and the platform admins.

Append-only: the service that makes a change adds its entry, in the change's transaction, so
that the pages and the commands alike record it and a change refused or rolled back leaves
none. Accounts are erased, never deleted (account/erasure.py): their entries stay, under
"Deleted account", and the roles that end with them are entries too. A territory's entries go
with it, as its team does.
"""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from ..database import utcnow
from ..extensions import db

ACTION_LABELS = {
    "appointed": _l("Appointed"),
    "role_changed": _l("Role changed"),
    "removed": _l("Role removed"),
    "platform_admin_appointed": _l("Appointed platform admin"),
    "platform_admin_removed": _l("Platform admin role removed"),
    "platform_admin_left": _l("Gave up the platform admin role"),
    "verified": _l("Verified as a resident"),
    "verification_withdrawn": _l("Resident verification withdrawn"),
}


class StaffLogEntry(db.Model):
    """Append-only: rows are inserted, never updated or deleted."""

    # A territory's log reads its newest entries a page at a time: in this order, without
    # sorting them all. It serves the territory's foreign key too (its team's entries go with it).
    __table_args__ = (Index("ix_staff_log_entry_territory_created", "territory_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # None: a platform admin appointed or removed, which is no territory's.
    territory_id: Mapped[int | None] = mapped_column(ForeignKey("territory.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))  # None: command line
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))  # whom it concerns
    action: Mapped[str] = mapped_column(String(30))
    role: Mapped[str | None] = mapped_column(String(20))  # appointed, removed; the new one when changed
    former_role: Mapped[str | None] = mapped_column(String(20))  # role_changed only

    territory = relationship("Territory")
    actor = relationship("User", foreign_keys=[actor_id])
    subject = relationship("User", foreign_keys=[subject_id])


def record(action, subject, territory_id=None, actor=None, role=None, former_role=None, now=None):
    """Add the entry of a change to the session. `actor` None: done from the command line."""
    db.session.add(StaffLogEntry(action=action, subject_id=subject.id, territory_id=territory_id,
                                 actor_id=actor.id if actor is not None else None,
                                 role=role, former_role=former_role, created_at=now or utcnow()))


def record_erasure(user):
    """Add the entries of the roles and verifications that end with the account deleted, as
    taken back by its owner: the logs no longer show a deleted account still holding them."""
    for membership in user.memberships:
        record("removed", user, membership.territory_id, user, role=membership.role)
    for verification in user.verifications:
        record("verification_withdrawn", user, verification.territory_id, user)
    if user.is_platform_admin:
        record("platform_admin_left", user, actor=user)


def log_entries(territory=None):
    """The query of the log, newest first: a territory's entries, or all of them."""
    query = (db.select(StaffLogEntry)
             .options(joinedload(StaffLogEntry.actor), joinedload(StaffLogEntry.subject),
                      joinedload(StaffLogEntry.territory))
             .order_by(StaffLogEntry.created_at.desc(), StaffLogEntry.id.desc()))
    return query if territory is None else query.where(StaffLogEntry.territory_id == territory.id)
