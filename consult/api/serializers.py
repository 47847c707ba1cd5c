"""Objects as the API shows them (the marshmallow schemas in each module document them)."""

from ..consultations import documents
from ..consultations.services import SETTINGS
from ..i18n import localized
from ..phases import current_phase, phase_state
from .common import iso


def consultation(c, now, details=False):
    """`details`: with the categories too (one query more: left out of the listing)."""
    phase = current_phase(c, now)
    shown = {
        "id": c.id, "territory": c.territory.slug, "status": c.status,
        "title": localized(c.title), "summary": localized(c.summary), "description": localized(c.description),
        "texts": {"title": c.title, "summary": c.summary or {}, "description": c.description or {}},
        "themes": list(c.themes or []), "phase": phase.kind if phase else None, "phase_state": phase_state(c, now),
        "phases": [{"kind": p.kind, "starts_at": iso(p.starts_at), "ends_at": iso(p.ends_at)} for p in c.phases],
        **{name: getattr(c, name) for name in SETTINGS},  # all that PATCH may set
        "created_at": iso(c.created_at), "published_at": iso(c.published_at),
    }
    if details:
        shown["categories"] = [{"id": category.id, "name": localized(category.name), "names": category.name}
                               for category in c.categories]
    return shown


def news(n):
    return {"id": n.id, "title": localized(n.title), "body": localized(n.body),
            "texts": {"title": n.title, "body": n.body}, "published_at": iso(n.published_at),
            "edited_at": iso(n.edited_at)}


def document(d):
    return {"id": d.id, "title": localized(d.title), "titles": d.title, "format": d.file_format, "size": d.size,
            "url": documents.address(d),
            "created_at": iso(d.created_at)}


def proposal(p, answer=None):
    """`answer`: the newest official answer, when the caller loaded it with others (one query)."""
    if answer is None and p.answer_state:
        answer = p.answers[0] if p.answers else None
    return {
        "id": p.id, "consultation_id": p.consultation_id, "title": p.title, "body": p.body,
        "language": p.language, "status": p.status, "author": {"display_name": p.author.display_name},
        "category": {"id": p.category.id, "name": localized(p.category.name)} if p.category else None,
        "address": p.address, "latitude": p.latitude, "longitude": p.longitude,
        "votes": {"for": p.votes_for, "against": p.votes_against, "abstain": p.votes_abstain},
        "comments_count": p.comments_count,
        "answer": {"state": answer.state, "text": localized(answer.text), "texts": answer.text,
                   "created_at": iso(answer.created_at),
                   "document": document(answer.document) if answer.document else None} if answer else None,
        "created_at": iso(p.created_at),
    }
