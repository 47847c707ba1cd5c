"""Open data: a consultation's results without personal data (authors by display name only),
under the Licence Ouverte / Etalab 2.0, with a data dictionary. Served as CSV and JSON by the
results page, and by the API (spreadsheet.py makes the table for people of it)."""

from flask_babel import force_locale

from ..auth.models import shown_name
from ..consultations import documents
from ..core.localtime import iso_utc
from ..database import utcnow
from ..i18n import localized
from ..mail import absolute
from . import results

CSV_FIELDS = ("rank", "proposal_id", "title", "author", "category", "votes_for", "votes_against",
              "votes_abstain", "votes_total", "comments", "eligible", "answer_state", "answer", "answer_document",
              "created_at", "url")
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
    "answer_document": "Address of the document the latest official answer rests on (the council's decision, a "
                       "study), or empty.",
    "created_at": "Date the proposal was posted (UTC, ISO 8601).",
    "url": "Address of the proposal page.",
}


def _author(row, locale):
    """The author's display name; a deleted account is named in `locale`, as the categories are
    (the same file for every reader)."""
    if row.author_deleted_at is None:
        return row.author_name
    with force_locale(locale):
        return shown_name(row.author_name, row.author_deleted_at)


def records(consultation, locale="fr", moment=iso_utc):
    """One dict per proposal, in ranking order: categories and answers in `locale` (French by
    default, or French when there is none in it), dates written by `moment`."""
    rows = results.ranking_rows(consultation)
    answers = results.latest_answers([r.id for r in rows if r.answer_state])
    for rank, r in enumerate(rows, start=1):
        answer = answers.get(r.id)
        yield {
            "rank": rank, "proposal_id": r.id, "title": r.title,
            "author": _author(r, locale),
            "category": localized(r.category_name, locale) if r.category_name else "",
            "votes_for": r.votes_for, "votes_against": r.votes_against, "votes_abstain": r.votes_abstain,
            "votes_total": r.votes_for + r.votes_against + r.votes_abstain,
            "comments": r.comments_count,
            "eligible": results.is_eligible(consultation, r),
            "answer_state": r.answer_state or "",
            "answer": answer.justification(locale) if answer else "",
            "answer_document": documents.address(answer.document) if answer and answer.document else "",
            "created_at": moment(r.created_at),
            "url": absolute(f"/proposals/{r.id}"),
        }


def csv_rows(consultation):
    """The records as rows of the open-data CSV, in the order of CSV_FIELDS."""
    for record in records(consultation):
        record["eligible"] = "yes" if record["eligible"] else "no"
        yield [record[field] for field in CSV_FIELDS]


def document(consultation):
    """The whole results as one JSON-ready document."""
    return {
        "licence": results.LICENCE,
        "licence_url": results.LICENCE_URL,
        "generated_at": iso_utc(utcnow()),
        "consultation": {
            "id": consultation.id, "title": dict(consultation.title or {}),
            "territory": consultation.territory.name if consultation.territory else "",
            "vote_mode": consultation.vote_mode, "max_votes": consultation.max_votes,
            "support_threshold": consultation.support_threshold,
        },
        "totals": results.shared_totals(consultation),
        "dictionary": DICTIONARY,
        "proposals": list(records(consultation)),
    }


def filename(consultation, ext, variant=""):
    return f"consultation-{consultation.id}-results{variant}.{ext}"
