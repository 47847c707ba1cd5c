"""Open data: a consultation's results without personal data (authors by display name only),
under the Licence Ouverte / Etalab 2.0, with a data dictionary. Served as CSV and JSON by the
results page and by the API."""

from ..database import utcnow
from ..mail import absolute
from . import results

CSV_FIELDS = ("rank", "proposal_id", "title", "author", "category", "votes_for", "votes_against",
              "votes_abstain", "votes_total", "comments", "eligible", "answer_state", "answer", "created_at",
              "url")
DICTIONARY = {
    "rank": "Position in the ranking (1 = most supported; for/against mode: for minus against).",
    "proposal_id": "Identifier of the proposal on the platform.",
    "title": "Title of the proposal, in the language its author wrote it.",
    "author": "Display name chosen by the author (no other personal data is published).",
    "category": "Category of the proposal in the consultation, if any.",
    "votes_for": "Supports, or votes for (for/against mode).",
    "votes_against": "Votes against (for/against mode; always 0 in support mode).",
    "votes_abstain": "Abstentions (for/against mode; always 0 in support mode).",
    "votes_total": "votes_for + votes_against + votes_abstain.",
    "comments": "Number of comments.",
    "eligible": "True when votes_for reaches the consultation's support threshold.",
    "answer_state": "Official answer: under_review, accepted, not_retained, in_progress, implemented, or empty.",
    "answer": "Text of the latest official answer (French, or English when there is no French).",
    "created_at": "Date the proposal was posted (UTC, ISO 8601).",
    "url": "Address of the proposal page.",
}


def records(consultation):
    """One dict per proposal, in ranking order."""
    proposals = results.ranked_proposals(consultation)
    answers = results.latest_answers([p.id for p in proposals if p.answer_state])
    for rank, p in enumerate(proposals, start=1):
        answer = answers.get(p.id)
        yield {
            "rank": rank, "proposal_id": p.id, "title": p.title,
            "author": p.author.display_name if p.author else "",
            "category": p.category.text("fr") if p.category else "",
            "votes_for": p.votes_for, "votes_against": p.votes_against, "votes_abstain": p.votes_abstain,
            "votes_total": p.votes_for + p.votes_against + p.votes_abstain,
            "comments": p.comments_count, "eligible": results.is_eligible(consultation, p),
            "answer_state": p.answer_state or "",
            "answer": answer.justification("fr") if answer else "",
            "created_at": p.created_at.replace(microsecond=0).isoformat() + "Z",
            "url": absolute(f"/proposals/{p.id}"),
        }


def document(consultation):
    """The whole results as one JSON-ready document."""
    return {
        "licence": results.LICENCE,
        "licence_url": results.LICENCE_URL,
        "generated_at": utcnow().replace(microsecond=0).isoformat() + "Z",
        "consultation": {
            "id": consultation.id, "title": dict(consultation.title or {}),
            "territory": consultation.territory.name if consultation.territory else "",
            "vote_mode": consultation.vote_mode, "max_votes": consultation.max_votes,
            "support_threshold": consultation.support_threshold,
        },
        "totals": results.totals(consultation),
        "dictionary": DICTIONARY,
        "proposals": list(records(consultation)),
    }


def filename(consultation, ext):
    return f"consultation-{consultation.id}-results.{ext}"
