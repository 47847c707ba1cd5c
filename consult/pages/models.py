"""Platform pages edited by the platform admin: terms of use, moderation charter, …"""
from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from ..database import utcnow
from ..extensions import db
from ..i18n import localized
from .defaults import DEFAULTS


# Pages the platform links to (footer, sign-up, moderation): they may be edited, never deleted,
# and show their default text until they are written.
BUILTIN = tuple(DEFAULTS)


class Page(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[dict] = mapped_column(JSON)
    body: Mapped[dict] = mapped_column(JSON)  # Markdown, {"fr": ..., "en": ...}
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # The status the accessibility statement declares ("none", "partial", "full": see compliance.py);
    # None for other pages, and for a statement saved before the status was asked.
    compliance: Mapped[str | None] = mapped_column(String(12))

    @property
    def builtin(self):
        return self.slug in BUILTIN

    def text(self, field, locale=None):
        return localized(getattr(self, field), locale)
