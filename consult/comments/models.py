"""Threaded comments on proposals."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..database import utcnow
from ..extensions import db

STANCES = ("for", "against", "neutral")
STATUSES = ("published", "pending", "hidden", "rejected", "deleted")
MAX_DEPTH = 3


class Comment(db.Model):
    # A proposal's thread in order; its status and author too, so that the results count
    # comments and commenters from the index alone.
    # The debate's page: its conversations in order (the top-level comments), and its arguments
    # (the newest published comments of a stance) with the count of each stance.
    __table_args__ = (Index("ix_comment_proposal_created_status_author", "proposal_id", "created_at", "status",
                            "author_id"),
                      Index("ix_comment_conversations", "proposal_id", "parent_id", "created_at"),
                      Index("ix_comment_arguments", "proposal_id", "status", "stance", "created_at"),
                      # The few comments awaiting approval, apart from all the others, for the moderation
                      # queue; status leads so that SQLite, which has no statistics, picks it too.
                      Index("ix_comment_pending", "status", "proposal_id", "created_at",
                            sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")))

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"), index=True)
    # The conversation's top-level comment, for a reply (None for a top-level comment itself):
    # a page of the debate is read as whole conversations.
    root_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"), index=True)
    depth: Mapped[int] = mapped_column(default=1)
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(5), default="fr")
    stance: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12), default="published")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the public could first read it (at once, or when a moderator approved it): who
    # follows the debate is told then, once (notifications.events.comment_posted).
    published_at: Mapped[datetime | None]
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]

    proposal = relationship("Proposal")
    author = relationship("User")
    parent = relationship("Comment", remote_side=[id], foreign_keys=[parent_id])
    root = relationship("Comment", remote_side=[id], foreign_keys=[root_id])

    @validates("parent")
    def _join_conversation(self, key, parent):
        self.root = None if parent is None else (parent.root or parent)
        return parent
