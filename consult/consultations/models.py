"""Consultations, their phases and categories."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import utcnow
from ..extensions import db
from ..i18n import localized
from ..phases import PhaseDates

STATUSES = ("draft", "published", "archived")
PUBLIC_STATUSES = ("published", "archived")  # read by everyone
VOTE_MODES = ("support", "for_against")
PARTICIPATION = ("confirmed", "verified")
MODERATION = ("post", "pre")
THEMES = (
    "energy", "mobility", "agriculture_food", "health", "housing", "digital",
    "environment", "culture", "education", "public_space", "economy", "other",
)


class Consultation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territory.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Bilingual texts: {"fr": ..., "en": ...}; French required, English falls back to French.
    title: Mapped[dict] = mapped_column(JSON)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    # Lower-cased, accent-free copy of the texts, for search.
    search_text: Mapped[str] = mapped_column(default="", server_default="")
    cover_path: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    participation: Mapped[str] = mapped_column(String(12), default="confirmed")
    moderation: Mapped[str] = mapped_column(String(8), default="post")
    premoderate_comments: Mapped[bool] = mapped_column(default=False)
    comments_enabled: Mapped[bool] = mapped_column(default=True)
    max_proposals_per_person: Mapped[int] = mapped_column(default=0)
    vote_mode: Mapped[str] = mapped_column(String(12), default="support")
    max_votes: Mapped[int] = mapped_column(default=0)
    support_threshold: Mapped[int] = mapped_column(default=0)
    supports_during_proposals: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None]
    # When it was archived (None otherwise): the phases it stopped, or did not hold, are told from it.
    archived_at: Mapped[datetime | None]

    territory = relationship("Territory")
    phases = relationship(
        "Phase", back_populates="consultation", cascade="all, delete-orphan", order_by="Phase.starts_at"
    )
    categories = relationship(
        "Category", back_populates="consultation", cascade="all, delete-orphan", order_by="Category.position"
    )

    def text(self, field, locale=None):
        return localized(getattr(self, field), locale)

    def __repr__(self):
        return f"<Consultation {self.id}>"


class Phase(PhaseDates, db.Model):
    __table_args__ = (UniqueConstraint("consultation_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]  # None: a results phase that stays (services._phase_errors)

    consultation = relationship("Consultation", back_populates="phases")


class Category(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    name: Mapped[dict] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(default=0)

    consultation = relationship("Consultation", back_populates="categories")

    def text(self, locale=None):
        return localized(self.name, locale)


class ConsultationNews(db.Model):
    """A piece of news its territory's admins post on a consultation (« Actualités »): a meeting,
    the results presented to the council, the works started. Bilingual like the consultation."""

    __tablename__ = "consultation_news"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    title: Mapped[dict] = mapped_column(JSON)
    body: Mapped[dict] = mapped_column(JSON)
    # A photo of the meeting, of the works… with what it shows, for whom cannot see it.
    image_path: Mapped[str | None] = mapped_column(String(255))
    image_alt: Mapped[str] = mapped_column(String(250), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None while it is a draft, seen in the back office only; then the date it is shown from (and
    # with): one to come while it is scheduled.
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    # When its followers were told: at its publication, or by `flask announce-news` for one scheduled.
    announced_at: Mapped[datetime | None]
    edited_at: Mapped[datetime | None]

    def shown(self, now):
        """Whether it is out of the back office at `now` (published, its time come)."""
        return self.published_at is not None and self.published_at <= now

    consultation = relationship("Consultation")


class ConsultationDocument(db.Model):
    """A file its territory's admins attach to a consultation, for everyone to read: the
    consultation file, a study, the council's decision (PDF or OpenDocument: uploads/documents.py)."""

    __tablename__ = "consultation_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    title: Mapped[dict] = mapped_column(JSON)
    file_path: Mapped[str] = mapped_column(String(255))
    file_format: Mapped[str] = mapped_column(String(4))  # pdf, odt, ods, odp
    size: Mapped[int]  # bytes
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    consultation = relationship("Consultation")
