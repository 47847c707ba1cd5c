"""Territories, the roles people hold in them, and the residents their staff verified."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..database import utcnow
from ..extensions import db
from ..text import fold

KINDS = ("commune", "intercommunalite", "departement", "region")
ROLES = ("admin", "moderator")


class Territory(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # The name folded ("Évry" → "evry"), kept with it: lists sort on it, as readers expect and the
    # same on every database (whose own order may put accented and lower-case names last).
    folded_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    insee_code: Mapped[str | None] = mapped_column(String(5))
    description: Mapped[str] = mapped_column(Text, default="")  # in French, the platform's language
    description_en: Mapped[str] = mapped_column(Text, default="", server_default="")  # empty: French is shown
    logo_path: Mapped[str | None] = mapped_column(String(255))
    accent_color: Mapped[str] = mapped_column(String(7), default="#1d4ed8")
    report_threshold: Mapped[int] = mapped_column(default=3, server_default="3")
    forbidden_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships = relationship("Membership", back_populates="territory", cascade="all, delete-orphan")

    @validates("name")
    def _fold_name(self, _key, name):
        self.folded_name = fold(name)
        return name

    def __repr__(self):
        return f"<Territory {self.slug}>"


class FormerSlug(db.Model):
    """An address name a territory had before: its old links (posters, mail) still lead to it."""
    __tablename__ = "territory_former_slug"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territory.id", ondelete="CASCADE"), index=True)
    retired_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(db.Model):
    __table_args__ = (UniqueConstraint("territory_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territory.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    territory = relationship("Territory", back_populates="memberships")
    user = relationship("User", back_populates="memberships")


class ResidentVerification(db.Model):
    """A person the staff of a territory verified as living there (in person, with a proof
    of address): they may take part in the consultations open to verified residents only."""

    __table_args__ = (UniqueConstraint("territory_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territory.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User", foreign_keys=[user_id], back_populates="verifications")
    verified_by = relationship("User", foreign_keys=[verified_by_id])


class Invitation(db.Model):
    """A role in a territory's team offered by mail to an address no account uses yet: the
    account created with it gets the role once the address is confirmed (territories/invitations.py).
    The link's token is kept only as its digest."""

    # One invitation per address and role in a territory (inviting again renews it); the
    # constraint serves the territory's foreign key and its list too.
    __table_args__ = (UniqueConstraint("territory_id", "email", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territory.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254), index=True)  # normalised as accounts' addresses are
    role: Mapped[str] = mapped_column(String(20))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    territory = relationship("Territory")
    invited_by = relationship("User")

    def is_expired(self, now=None):
        return self.expires_at <= (now or utcnow())
