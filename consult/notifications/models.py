"""Follows, notifications, preferences and the outgoing mail queue."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import utcnow
from ..extensions import db

FOLLOW_TARGETS = ("territory", "consultation", "proposal")
# A notice of a topic still takes events: unread, its mail neither sent nor claimed by a digest.
GATHERING = ("topic IS NOT NULL AND read_at IS NULL AND digest_claimed_by IS NULL"
             " AND email_state IN ('pending', 'skipped')")
FREQUENCIES = ("immediately", "daily", "weekly", "never")


class Follow(db.Model):
    __table_args__ = (UniqueConstraint("user_id", "target_type", "target_id"),
                      Index("ix_follow_target", "target_type", "target_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(14))
    target_id: Mapped[int]
    # False when the person opted out of an automatic follow: it is not created again.
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Notification(db.Model):
    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),
                      # One notice per person and topic takes the new events (gathered.py).
                      Index("uq_notification_gathering", "user_id", "topic", unique=True,
                            sqlite_where=text(GATHERING), postgresql_where=text(GATHERING)))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    # What is needed to render the notice in any language, e.g. {"proposal_title": ...}.
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    url: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    # Email: "pending" (waits for its digest), "queued", "skipped"
    email_state: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    digest_claimed_by: Mapped[str | None] = mapped_column(String(36))
    # A notice that gathers events about one thing (gathered.py): what it is about, e.g.
    # "debate:12", and how many events it holds. Empty for a notice of one event.
    topic: Mapped[str | None] = mapped_column(String(40))
    repeats: Mapped[int] = mapped_column(default=1, server_default="1")
    # When its latest event came (a gathered notice): it rises to the top of the centre with it.
    # Its digest still goes by created_at, so that a lively debate never holds it back.
    updated_at: Mapped[datetime | None]

    @property
    def latest_at(self):
        return self.updated_at or self.created_at

    user = relationship("User")


class NotificationPreference(db.Model):
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    frequency: Mapped[str] = mapped_column(String(12), default="immediately")


class OutgoingMail(db.Model):
    """Mail waits here, written in the same transaction as what caused it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    # The account the mail is written to, whichever address it goes to (an old one, one never
    # confirmed): deleting the account deletes its mail. Migration 0006 gave the mail queued
    # before it the account of its address, when one had it.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # The link confirming a new address: the account's data download shows it only once the
    # account took that address (else it would tell whether the address has an account):
    # account.email_change.change_email turns it to False, for good, even once the account moves on.
    to_new_address: Mapped[bool] = mapped_column(default=False, server_default=false())
    subject: Mapped[str] = mapped_column(String(255))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)  # queued, sent, failed
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    user = relationship("User")
