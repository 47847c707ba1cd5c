"""The public listing of consultations, and what their pages show of them (the timeline)."""
from datetime import datetime

from sqlalchemy import String, and_, cast, func, or_
from sqlalchemy.orm import joinedload, selectinload

from ..database import matching_words, utcnow
from ..extensions import db
from ..territories.models import Territory
from ..territories.services import named
from .models import PUBLIC_STATUSES, Consultation, Phase

PER_PAGE = 12


# A phase without an end (results that stay) ends after any other, for the listing's filters.
NEVER = datetime(9999, 12, 31)


def _phase_bounds():
    return (
        db.select(Phase.consultation_id.label("cid"), func.min(Phase.starts_at).label("first_start"),
                  func.max(func.coalesce(Phase.ends_at, NEVER)).label("last_end"))
        .group_by(Phase.consultation_id)
        .subquery()
    )


def filter_territories(chosen):
    """(slug, name) of the territories the listing's filter offers: those with a consultation everyone
    reads (of a national platform's thousands of communes, most have none), and the one `chosen`."""
    public = db.select(Consultation.territory_id).where(Consultation.status.in_(PUBLIC_STATUSES))
    return db.session.execute(db.select(Territory.slug, Territory.name)
                              .where(or_(Territory.id.in_(public), Territory.slug == chosen))
                              .order_by(Territory.folded_name, Territory.id)).all()


def opening_later(now):
    """The clause of the consultations, not archived, whose proposals or vote phase opens after
    `now`: presented already, or announced, where one may take part soon."""
    return and_(Consultation.status != "archived",
                Consultation.phases.any(and_(Phase.kind.in_(("proposals", "vote")), Phase.starts_at > now)))


def taking_part(now):
    """The clause of the consultations whose proposals or vote phase is open at `now`: where one
    may take part, not only read a presentation or the results."""
    return Consultation.phases.any(and_(Phase.kind.in_(("proposals", "vote")), Phase.starts_at <= now,
                                        Phase.ends_at > now))


def listing_query(territory=None, theme=None, phase=None, q=None, now=None, statuses=PUBLIC_STATUSES):
    """The select() of visible consultations matching the filters (phase computed from the dates)."""
    now = now or utcnow()
    query = (
        db.select(Consultation)
        .where(Consultation.status.in_(statuses))
        .options(joinedload(Consultation.territory), selectinload(Consultation.phases))
    )
    if territory:
        found = named(territory)  # an old link's name finds the territory too
        query = query.where(Consultation.territory_id == (found.id if found else None))
    if theme:
        # Themes are a JSON list of fixed keys (no quotes in them): the quoted key appears in its text form.
        query = query.where(cast(Consultation.themes, String).like(f'%"{theme}"%'))
    if phase in ("open", "upcoming", "closed"):
        bounds = _phase_bounds()
        query = query.outerjoin(bounds, bounds.c.cid == Consultation.id)
        archived = Consultation.status == "archived"  # over, whatever its dates said
        if phase == "upcoming":
            query = query.where(bounds.c.first_start > now, ~archived)
        elif phase == "open":
            query = query.where(bounds.c.first_start <= now, bounds.c.last_end > now, ~archived)
        else:
            query = query.where(or_(bounds.c.cid.is_(None), bounds.c.last_end <= now, archived))
    # Each word in the consultation's texts or in its territory's name (shown on its card): a
    # resident types the name of their town.
    for in_texts, in_name in zip(matching_words(Consultation.search_text, q or "", 10),
                                 matching_words(Territory.folded_name, q or "", 10)):
        query = query.where(or_(in_texts, Consultation.territory_id.in_(db.select(Territory.id).where(in_name))))
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
    """The phases in order, each with its state ('past', 'current', 'upcoming') and days left.

    An archived consultation has no current or upcoming phase: its phases are all 'past', and
    `cut_short` says of those it was archived before the end of whether they were "stopped" or
    "not_held" (as of its archiving: that stays true once their dates have passed).
    """
    archived = consultation.status == "archived"
    until = consultation.archived_at or now
    steps = []
    for phase in sorted(consultation.phases, key=lambda p: p.starts_at):
        if archived:
            cut_short = False if phase.has_ended(until) else ("not_held" if phase.starts_at > until else "stopped")
            steps.append({"phase": phase, "kind": phase.kind, "state": "past", "cut_short": cut_short,
                          "days_left": None, "days_until": None})
            continue
        if phase.is_open(now):
            state = "current"
        elif phase.has_ended(now):
            state = "past"
        else:
            state = "upcoming"
        steps.append({"phase": phase, "kind": phase.kind, "state": state, "cut_short": False,
                      "days_left": days_left(phase.ends_at, now) if state == "current" and phase.ends_at else None,
                      "days_until": days_left(phase.starts_at, now) if state == "upcoming" else None})
    return steps
