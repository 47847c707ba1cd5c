"""Results of a consultation: the page, and CSV and JSON downloads (no personal data)."""
import csv
import io
import json

from flask import Response, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import permissions
from ..consultations.models import Consultation
from ..database import utcnow
from ..extensions import db
from . import bp, charts, results

PER_PAGE = 50
ANSWER_LABELS = {
    "under_review": _l("Under review"),
    "accepted": _l("Accepted"),
    "not_retained": _l("Not retained"),
    "in_progress": _l("In progress"),
    "implemented": _l("Implemented"),
}
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


def _load(id):
    consultation = db.get_or_404(Consultation, id)
    permissions.require(permissions.can_view_consultation(current_user, consultation), 404)
    return consultation


@bp.get("/consultations/<int:id>/results", endpoint="results")
def results_page(id):
    consultation = _load(id)
    data = results.compute(consultation)
    proposals = data["proposals"]
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    pages = max(1, -(-len(proposals) // PER_PAGE))
    page = min(page, pages)
    start = (page - 1) * PER_PAGE
    return render_template(
        "votes/results.html", consultation=consultation, data=data, charts=_charts(consultation, data),
        page_rows=list(enumerate(proposals[start:start + PER_PAGE], start=start + 1)),
        page=page, pages=pages, answer_labels=ANSWER_LABELS,
        eligible=lambda p: results.is_eligible(consultation, p),
    )



def _period_label(row, unit):
    if unit == "week":
        return _("Week of %(date)s", date=format_date(row["period"], "d MMM"))
    return format_date(row["period"], "d MMM")


def _charts(consultation, data):
    from flask_babel import format_decimal

    top = data["proposals"][:10]
    out = {}
    support = consultation.vote_mode == "support"
    out["ranking"] = charts.hbar_chart(
        "chart-ranking", _("The 10 proposals with the most supports") if support else
        _("The 10 best-ranked proposals (votes for)"),
        [(p.title, p.votes_for) for p in top],
        _("One bar per proposal, longest first; the number is shown after each bar."), format_decimal)
    totals = data["totals"]
    out["split"] = charts.hbar_chart(
        "chart-split", _("For, against and abstentions"),
        [(_("For"), totals["for"]), (_("Against"), totals["against"]), (_("Abstain"), totals["abstain"])],
        _("Total of the votes cast on every proposal."), format_decimal)
    rows = data["activity"]["rows"]
    unit = data["activity"]["unit"]
    out["activity_labels"] = [_period_label(r, unit) for r in rows]
    out["activity"] = charts.line_chart(
        "chart-activity", _("Votes, proposals and comments per week") if unit == "week" else
        _("Votes, proposals and comments per day"),
        out["activity_labels"],
        [(_("Votes"), [r["votes"] for r in rows]), (_("Proposals"), [r["proposals"] for r in rows]),
         (_("Comments"), [r["comments"] for r in rows])],
        _("Solid line: votes; dashed line: proposals; dotted line: comments."), format_decimal)
    out["categories"] = charts.hbar_chart(
        "chart-categories", _("Proposals per category"),
        [(_category_name(r["category"]), r["proposals"]) for r in data["categories"]],
        _("One bar per category with its number of proposals."), format_decimal)
    return out


def _category_name(category, locale=None):
    return category.text(locale) if category else _("No category")


# --- downloads -------------------------------------------------------------------------

def _records(consultation):
    data = results.compute(consultation)
    for rank, p in enumerate(data["proposals"], start=1):
        answer = data["answers"].get(p.id)
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
            "url": f"{request.host_url.rstrip('/')}/proposals/{p.id}",
        }


def _filename(consultation, ext):
    return f"consultation-{consultation.id}-results.{ext}"


@bp.get("/consultations/<int:id>/results.csv")
def results_csv(id):
    consultation = _load(id)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for record in _records(consultation):
        record["eligible"] = "yes" if record["eligible"] else "no"
        writer.writerow(record)
    return Response(buffer.getvalue().encode("utf-8"), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{_filename(consultation, "csv")}"',
                             "Content-Type": "text/csv; charset=utf-8"})


@bp.get("/consultations/<int:id>/results.json")
def results_json(id):
    consultation = _load(id)
    records = list(_records(consultation))
    totals = results.totals(consultation)
    document = {
        "licence": results.LICENCE,
        "licence_url": results.LICENCE_URL,
        "generated_at": utcnow().replace(microsecond=0).isoformat() + "Z",
        "consultation": {
            "id": consultation.id, "title": dict(consultation.title or {}),
            "territory": consultation.territory.name if consultation.territory else "",
            "vote_mode": consultation.vote_mode, "max_votes": consultation.max_votes,
            "support_threshold": consultation.support_threshold,
        },
        "totals": totals,
        "dictionary": DICTIONARY,
        "proposals": records,
    }
    body = json.dumps(document, ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'inline; filename="{_filename(consultation, "json")}"'})
