"""Reports, moderation decisions (an append-only audit log) and appeals."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import utcnow
from ..extensions import db

TARGET_TYPES = ("proposal", "comment", "user")
APPEALABLE = ("hide", "reject", "block")  # the decisions their subject may appeal, once
REASONS = ("spam", "harassment", "hate", "off_topic", "personal_data", "illegal", "other")
ACTIONS = ("approve", "dismiss", "hide", "restore", "reject", "warn", "block", "appeal_confirmed",
           "appeal_reversed", "auto_hide")


class Report(db.Model):
    __table_args__ = (
        # One report per person and item; a person is reported once in each territory (the item's own
        # territory, for a proposal or a comment).
        UniqueConstraint("reporter_id", "target_type", "target_id", "territory_id"),
        Index("ix_report_target", "target_type", "target_id", "status"),
        # The open reports, apart from all those settled, for the moderation queue (status leads: see
        # ix_comment_pending).
        Index("ix_report_open", "status", "territory_id", "target_type", "target_id", "created_at",
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territory.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[int]
    reason: Mapped[str] = mapped_column(String(20))
    details: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="open")  # open, resolved, dismissed
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]

    reporter = relationship("User")


class ModerationAction(db.Model):
    """Append-only: rows are inserted, never updated or deleted."""

    # A territory's log reads its newest decisions a page at a time, and its transparency page those
    # of the last months: in this order, without sorting them all (nor reading the other
    # territories'). It serves the territory's foreign key too.
    __table_args__ = (Index("ix_moderation_action_target", "target_type", "target_id"),
                      Index("ix_moderation_action_territory_created", "territory_id", "created_at", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territory.id", ondelete="CASCADE"))
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # The person whose content or account the decision is about.
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    target_type: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))
    rule: Mapped[str | None] = mapped_column(String(20))
    explanation: Mapped[str] = mapped_column(Text, default="")
    blocked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    moderator = relationship("User", foreign_keys=[moderator_id])
    subject_user = relationship("User", foreign_keys=[subject_user_id])
    appeal = relationship("Appeal", back_populates="action", uselist=False)


class Appeal(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("moderation_action.id", ondelete="CASCADE"), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decision: Mapped[str | None] = mapped_column(String(10))  # confirmed, reversed
    decision_text: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None]

    action = relationship("ModerationAction", back_populates="appeal")
    author = relationship("User", foreign_keys=[author_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
