"""The results for people opening them in a spreadsheet (results-excel.csv): the open-data
table (opendata.py), its headers and values in the reader's language, its dates in the
platform's time zone as a spreadsheet reads them. The open-data CSV and JSON stay as they are."""
from functools import partial

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..core.localtime import platform_zone, spreadsheet_text
from ..i18n import current_locale
from ..proposals.labels import ANSWER_LABELS
from . import opendata

HEADERS = {
    "rank": _l("Rank"), "proposal_id": _l("Proposal no."), "title": _l("Title"), "author": _l("Author"),
    "category": _l("Category"), "votes_for": _l("For"), "votes_against": _l("Against"),
    "votes_abstain": _l("Abstain"), "votes_total": _l("Total"), "comments": _l("Comments"),
    "eligible": _l("Eligible"), "answer_state": _l("Official answer"),
    "answer": _l("Text of the official answer"), "answer_document": _l("Document of the official answer"),
    "url": _l("Link"),
}


def header(consultation):
    """The column headers, in the order of opendata.CSV_FIELDS."""
    zone = platform_zone()
    names = {**HEADERS, "created_at": _("Posted on (%(zone)s)", zone=zone.key)}
    if consultation.vote_mode == "support":
        names["votes_for"] = _("Supports")
    return [str(names[field]) for field in opendata.CSV_FIELDS]


def rows(consultation):
    """One row per proposal, in ranking order: answers and categories in the reader's language."""
    moment = partial(spreadsheet_text, zone=platform_zone())
    for record in opendata.records(consultation, current_locale(), moment):
        record["eligible"] = _("Yes") if record["eligible"] else _("No")
        record["answer_state"] = str(ANSWER_LABELS[record["answer_state"]]) if record["answer_state"] else ""
        yield [record[field] for field in opendata.CSV_FIELDS]
