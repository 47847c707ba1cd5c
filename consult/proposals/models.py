"""Proposals and the history of their official answers."""
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import utcnow
from ..extensions import db
from ..i18n import localized

STATUSES = ("published", "pending", "hidden", "rejected", "withdrawn")
ANSWER_STATES = ("under_review", "accepted", "not_retained", "in_progress", "implemented")


class Proposal(db.Model):
    __table_args__ = (
        Index("ix_proposal_listing_random", "consultation_id", "status", "random_key"),
        Index("ix_proposal_listing_created", "consultation_id", "status", "created_at"),
        Index("ix_proposal_listing_score", "consultation_id", "status", "votes_score"),
        Index("ix_proposal_listing_comments", "consultation_id", "status", "comments_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(5), default="fr")
    # Lower-cased, accent-free title and body without stop words, for search and similarity.
    search_text: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str | None] = mapped_column(String(255))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    image_path: Mapped[str | None] = mapped_column(String(255), index=True)  # its file is served to whom sees it
    status: Mapped[str] = mapped_column(String(12), default="published")
    # Denormalised counters, updated in the same transaction as the vote or comment.
    votes_for: Mapped[int] = mapped_column(default=0)
    votes_against: Mapped[int] = mapped_column(default=0)
    votes_abstain: Mapped[int] = mapped_column(default=0)
    # votes_for - votes_against (votes_for in the support mode): the order of "most supported".
    votes_score: Mapped[int] = mapped_column(default=0, server_default="0")
    comments_count: Mapped[int] = mapped_column(default=0)
    # A fixed random number: listings sorted "at random" rotate from a per-visitor seed.
    random_key: Mapped[int] = mapped_column(default=0)
    answer_state: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    withdrawn_at: Mapped[datetime | None]
    # When the public could first read it (at once, or when a moderator approved it): the
    # followers of its consultation are told then, once (notifications.events.proposal_published).
    published_at: Mapped[datetime | None]
    # When the proposal first reached the consultation's support threshold: its author and
    # followers are told once, however often the count goes back and forth across it.
    threshold_reached_at: Mapped[datetime | None]

    consultation = relationship("Consultation")
    author = relationship("User")
    category = relationship("Category")
    answers = relationship(
        "ProposalAnswer", back_populates="proposal", cascade="all, delete-orphan",
        order_by="ProposalAnswer.created_at.desc()",
    )

    def __repr__(self):
        return f"<Proposal {self.id}>"


class ProposalAnswer(db.Model):
    """One official answer; the newest is the current one, the others are its history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(16))
    text: Mapped[dict] = mapped_column(JSON, default=dict)
    # A document of the consultation the answer rests on (the council's decision, a study); the
    # answer stays, without it, when the document is deleted.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("consultation_document.id", ondelete="SET NULL"),
                                                    index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the author and followers were told: at once, or at the publication of its consultation
    # when it was given while that was back to draft (events.proposal_answered).
    announced_at: Mapped[datetime | None]

    proposal = relationship("Proposal", back_populates="answers")
    author = relationship("User")
    document = relationship("ConsultationDocument")

    def justification(self, locale=None):
        return localized(self.text, locale)
