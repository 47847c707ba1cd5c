"""The audit log as tables to download: for programs (codes, UTC dates, as stored) and for
people opening it in a spreadsheet (labels in their language, dates in the platform's time
zone, the time zone said in the headers)."""
from flask_babel import gettext as _

from ..auth.models import shown_name
from ..core.localtime import iso_utc, platform_zone, spreadsheet_text
from .services import ACTION_LABELS, REASON_LABELS, TARGET_LABELS

COLUMNS = ("id", "date", "territory", "action", "target_type", "target_id", "moderator", "person", "rule",
           "explanation", "blocked_until")


def _label(labels, code):
    return str(labels.get(code, code or ""))


def open_rows(entries, territory_names):
    """`entries`: rows of queries.log_download_query."""
    for a in entries:
        yield [a.id, iso_utc(a.created_at), territory_names.get(a.territory_id, ""), a.action, a.target_type,
               a.target_id, shown_name(a.moderator_name, a.moderator_deleted_at) or "",
               shown_name(a.subject_name, a.subject_deleted_at) or "", a.rule or "", a.explanation,
               iso_utc(a.blocked_until)]


def spreadsheet_header():
    zone = platform_zone().key
    return [_("No."), _("Date (%(zone)s)", zone=zone), _("Territory"), _("Action"), _("Item"), _("Item no."),
            _("Moderator"), _("Person concerned"), _("Rule"), _("Explanation"),
            _("Blocked until (%(zone)s)", zone=zone)]


def spreadsheet_rows(entries, territory_names):
    zone = platform_zone()
    for a in entries:
        yield [a.id, spreadsheet_text(a.created_at, zone), territory_names.get(a.territory_id, ""),
               _label(ACTION_LABELS, a.action), _label(TARGET_LABELS, a.target_type), a.target_id,
               shown_name(a.moderator_name, a.moderator_deleted_at) if a.moderator_id else _("Automatic"),
               shown_name(a.subject_name, a.subject_deleted_at) or "",
               _label(REASON_LABELS, a.rule), a.explanation,
               spreadsheet_text(a.blocked_until, zone)]
