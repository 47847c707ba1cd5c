"""Consultation logic: saving the back-office form, status changes, and the public listing query.

Functions add and flush; the request commits once.
"""
from datetime import datetime

from flask_babel import to_user_timezone, to_utc
from sqlalchemy import String, and_, cast, func, or_
from sqlalchemy.orm import joinedload, selectinload

from ..database import utcnow
from ..extensions import db
from ..i18n import bilingual
from ..notifications import events
from ..territories.models import Territory
from ..text import keywords, search_text
from ..uploads import delete_image, save_image
from .models import Category, Consultation, Phase
from ..phases import PHASE_KINDS

PUBLIC_STATUSES = ("published", "archived")
PER_PAGE = 12
COVER_SIZE = (1600, 900)
COVER_THUMB = (480, 270)
TEXT_FIELDS = ("title", "summary", "description")


def refresh_search_text(consultation):
    parts = []
    for name in TEXT_FIELDS:
        value = getattr(consultation, name) or {}
        parts.extend(value.get(lang, "") for lang in ("fr", "en"))
    consultation.search_text = search_text(*parts)


# --- the back-office form ------------------------------------------------------------

def form_data(consultation):
    """Values to pre-fill the form with an existing consultation (dates in local time)."""
    data = {}
    for name in TEXT_FIELDS:
        value = getattr(consultation, name) or {}
        data[f"{name}_fr"] = value.get("fr", "")
        data[f"{name}_en"] = value.get("en", "")
    data["themes"] = list(consultation.themes or [])
    data["categories"] = "\n".join(
        f"{c.name.get('fr', '')} | {c.name.get('en', '')}".rstrip(" |") for c in consultation.categories)
    for phase in consultation.phases:
        data[f"{phase.kind}_start"] = _local(phase.starts_at)
        data[f"{phase.kind}_end"] = _local(phase.ends_at)
    for name in ("participation", "moderation", "premoderate_comments", "comments_enabled",
                 "max_proposals_per_person", "vote_mode", "max_votes", "support_threshold",
                 "supports_during_proposals"):
        data[name] = getattr(consultation, name)
    return data


def _local(value):
    return to_user_timezone(value).replace(tzinfo=None)


def _utc(value):
    return to_utc(value).replace(tzinfo=None) if isinstance(value, datetime) else value


def save_cover(consultation, file_storage):
    """Store a new cover and its thumbnail (raises uploads.ImageError with a message)."""
    old, consultation.cover_path = consultation.cover_path, save_image(
        file_storage, "covers", max_size=COVER_SIZE, thumb=COVER_THUMB)
    delete_image(old)


def remove_cover(consultation):
    old, consultation.cover_path = consultation.cover_path, None
    delete_image(old)


def apply_form(consultation, form):
    """Copy the validated form onto the consultation (texts, themes, settings, phases, categories)."""
    for name in TEXT_FIELDS:
        setattr(consultation, name, bilingual(form[f"{name}_fr"].data, form[f"{name}_en"].data))
    consultation.themes = [t for t in (form.themes.data or [])]
    for name in ("participation", "moderation", "vote_mode", "max_proposals_per_person",
                 "max_votes", "support_threshold"):
        setattr(consultation, name, form[name].data)
    for name in ("premoderate_comments", "comments_enabled", "supports_during_proposals"):
        setattr(consultation, name, bool(form[name].data))
    set_phases(consultation, [(kind, _utc(start), _utc(end)) for kind, start, end in form.phase_dates()])
    set_categories(consultation, form.category_names())
    refresh_search_text(consultation)
    db.session.flush()


def set_phases(consultation, dates):
    """dates: [(kind, starts_at, ends_at)] in UTC; phases not listed are removed."""
    wanted = {kind: (start, end) for kind, start, end in dates}
    for phase in list(consultation.phases):
        if phase.kind not in wanted:
            consultation.phases.remove(phase)
    existing = {p.kind: p for p in consultation.phases}
    for kind in PHASE_KINDS:
        if kind not in wanted:
            continue
        start, end = wanted[kind]
        phase = existing.get(kind)
        if phase is None:
            consultation.phases.append(Phase(kind=kind, starts_at=start, ends_at=end))
        else:
            phase.starts_at, phase.ends_at = start, end
    consultation.phases.sort(key=lambda p: p.starts_at)


def set_categories(consultation, names):
    """names: [{"fr", "en"}]; categories keep their id when their French name is unchanged."""
    existing = {c.name.get("fr", "").lower(): c for c in consultation.categories}
    kept = []
    for position, name in enumerate(names):
        category = existing.pop(name["fr"].lower(), None) or Category(consultation=consultation)
        category.name = {k: v for k, v in name.items() if v}
        category.position = position
        kept.append(category)
    consultation.categories[:] = kept  # the others are deleted (delete-orphan)


def create_consultation(territory, author, form):
    consultation = Consultation(territory=territory, created_by_id=author.id if author else None,
                                title={"fr": ""}, status="draft")
    db.session.add(consultation)
    apply_form(consultation, form)
    return consultation


# --- status ---------------------------------------------------------------------------

def change_status(consultation, action, actor=None):
    """publish / archive / draft. Returns True when the status changed."""
    target = {"publish": "published", "archive": "archived", "draft": "draft"}[action]
    if consultation.status == target:
        return False
    first_publication = target == "published" and consultation.published_at is None
    consultation.status = target
    if target == "published" and consultation.published_at is None:
        consultation.published_at = utcnow()
    db.session.flush()
    if first_publication:
        events.consultation_published(consultation, actor=actor)
    return True


# --- public listing ---------------------------------------------------------------------

def _phase_bounds():
    return (
        db.select(Phase.consultation_id.label("cid"), func.min(Phase.starts_at).label("first_start"),
                  func.max(Phase.ends_at).label("last_end"))
        .group_by(Phase.consultation_id)
        .subquery()
    )


def listing_query(territory=None, theme=None, phase=None, q=None, now=None, statuses=PUBLIC_STATUSES):
    """The select() of visible consultations matching the filters (phase computed from the dates)."""
    now = now or utcnow()
    query = (
        db.select(Consultation)
        .where(Consultation.status.in_(statuses))
        .options(joinedload(Consultation.territory), selectinload(Consultation.phases))
    )
    if territory:
        query = query.join(Territory, Territory.id == Consultation.territory_id).where(Territory.slug == territory)
    if theme:
        # Themes are a JSON list of fixed keys (no quotes in them): the quoted key appears in its text form.
        query = query.where(cast(Consultation.themes, String).like(f'%"{theme}"%'))
    if phase in ("open", "upcoming", "closed"):
        bounds = _phase_bounds()
        query = query.outerjoin(bounds, bounds.c.cid == Consultation.id)
        if phase == "upcoming":
            query = query.where(bounds.c.first_start > now)
        elif phase == "open":
            query = query.where(bounds.c.first_start <= now, bounds.c.last_end > now)
        else:
            query = query.where(or_(bounds.c.cid.is_(None), bounds.c.last_end <= now))
    words = keywords(q or "")[:10]
    if words:
        query = query.where(and_(*(Consultation.search_text.like(f"%{w}%") for w in words)))
    return query.order_by(
        (Consultation.status == "archived").asc(), Consultation.published_at.desc(), Consultation.id.desc())


def get_with_details(consultation_id):
    """One consultation with its territory, phases and categories (one query plus two)."""
    return db.session.scalar(
        db.select(Consultation).where(Consultation.id == consultation_id)
        .options(joinedload(Consultation.territory), selectinload(Consultation.phases),
                 selectinload(Consultation.categories))
    )


# --- what the pages show ------------------------------------------------------------------

def days_left(end, now):
    """Whole days until `end`, counting a started day (0 once it is over)."""
    seconds = (end - now).total_seconds()
    return max(0, -int(-seconds // 86400))


def timeline(consultation, now):
    """The phases in order, each with its state ('past', 'current', 'upcoming') and days left."""
    steps = []
    for phase in sorted(consultation.phases, key=lambda p: p.starts_at):
        if phase.is_open(now):
            state = "current"
        elif phase.ends_at <= now:
            state = "past"
        else:
            state = "upcoming"
        steps.append({"phase": phase, "kind": phase.kind, "state": state,
                      "days_left": days_left(phase.ends_at, now) if state == "current" else None,
                      "days_until": days_left(phase.starts_at, now) if state == "upcoming" else None})
    return steps
