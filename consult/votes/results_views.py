"""Results of a consultation: the page, and CSV and JSON downloads (no personal data)."""
import json

from flask import Response, render_template
from flask_babel import get_locale
from flask_babel import gettext as _

from ..consultations.access import consultation_or_404
from ..core.csvfiles import csv_download
from ..core.urls import page_arg
from ..database import utcnow
from ..i18n import date_text
from ..pagecache import keep_until
from ..proposals.labels import ANSWER_LABELS
from . import bp, charts, opendata, results, spreadsheet

PER_PAGE = 50


@bp.get("/consultations/<int:id>/results", endpoint="results")
def results_page(id):
    consultation = consultation_or_404(id)
    data = results.compute(consultation, page_arg(), PER_PAGE, page_arg("answers"), page_arg("eligible"))
    keep_until(results.figures_kept_until(consultation))  # a visitor's page is no older than its figures
    provisional, vote = results.provisional(consultation, utcnow())
    return render_template(
        "votes/results.html", consultation=consultation, data=data,
        charts=_charts(consultation, data) if data["count"] else {},  # no proposal: a sentence, no chart
        page_rows=data["page_rows"], page=data["page"], pages=data["pages"], answer_labels=ANSWER_LABELS,
        provisional=provisional, vote_phase=vote,
    )


def _short_date(value):
    """A day of the charts, short, in the order the reader's language writes a day and its
    month, as the site's other dates (« 1er déc. », "Dec 1")."""
    return date_text(value, get_locale().datetime_skeletons["MMMd"].pattern)


def _period_label(row, unit):
    if unit == "week":
        return _("Week of %(date)s", date=_short_date(row["period"]))
    return _short_date(row["period"])


def _charts(consultation, data):
    from flask_babel import format_decimal

    top = data["top"]
    out = {}
    support = consultation.vote_mode == "support"
    out["ranking"] = charts.hbar_chart(
        "chart-ranking", _("The 10 proposals with the most supports") if support else
        _("The 10 best-ranked proposals (for minus against)"),
        [(p.title, p.votes_for if support else p.votes_for - p.votes_against) for p in top],
        _("One bar per proposal, longest first; the number is shown after each bar."), format_decimal)
    totals = data["totals"]
    out["split"] = charts.hbar_chart(
        "chart-split", _("For, against and abstentions"),
        [(_("For"), totals["for"]), (_("Against"), totals["against"]), (_("Abstain"), totals["abstain"])],
        _("Total of the votes cast on every proposal."), format_decimal)
    rows = data["activity"]["rows"]
    unit = data["activity"]["unit"]
    out["activity_labels"] = [_period_label(r, unit) for r in rows]
    out["activity_title"] = _("Votes, proposals, comments and participants per week") if unit == "week" else \
        _("Votes, proposals, comments and participants per day")
    out["activity"] = charts.line_chart(
        "chart-activity", out["activity_title"],
        [_short_date(r["period"]) for r in rows],  # short, under the axis (the title says per week)
        [(_("Votes"), [r["votes"] for r in rows]), (_("Proposals"), [r["proposals"] for r in rows]),
         (_("Comments"), [r["comments"] for r in rows]), (_("Participants"), [r["participants"] for r in rows])],
        _("Solid line: votes; dashed line: proposals; dotted line: comments; dash-dotted line: participants."),
        format_decimal)
    out["categories"] = charts.hbar_chart(
        "chart-categories", _("Proposals per category"),
        [(_category_name(r["category"]), r["proposals"]) for r in data["categories"]],
        _("One bar per category with its number of proposals."), format_decimal)
    return out


def _category_name(category, locale=None):
    return category.text(locale) if category else _("No category")


# --- downloads -------------------------------------------------------------------------

@bp.get("/consultations/<int:id>/results.csv")
def results_csv(id):
    """Open data: machine headers and codes, UTC dates (what data.gouv.fr and scripts read)."""
    consultation = consultation_or_404(id)
    return csv_download(opendata.filename(consultation, "csv"), opendata.CSV_FIELDS, opendata.csv_rows(consultation))


@bp.get("/consultations/<int:id>/results-excel.csv")
def results_excel_csv(id):
    """The same table for people: headers and values in their language, local dates."""
    consultation = consultation_or_404(id)
    return csv_download(opendata.filename(consultation, "csv", "-excel"), spreadsheet.header(consultation),
                        spreadsheet.rows(consultation), for_spreadsheet=True)


@bp.get("/consultations/<int:id>/results.json")
def results_json(id):
    consultation = consultation_or_404(id)
    body = json.dumps(opendata.document(consultation), ensure_ascii=False)  # indent would take 3 times longer
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'inline; filename="{opendata.filename(consultation, "json")}"'})
