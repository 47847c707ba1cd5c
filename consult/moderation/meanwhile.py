"""What happened to an item after its moderator's page showed it. A decision form carries what
the page showed: `seen`, the latest decision on the item (0: none), and `seen_report`, the
newest report (0: none). A decision taken meanwhile by someone else, or a report sent meanwhile
that nobody has read yet, refuses the decision: the moderator sees it, then decides again.

Reports are stamped by the newest one's number rather than counted: numbers only grow, so the
reports sent since are exactly those numbered above it, and the page can point them out."""
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func

from ..extensions import db
from ..i18n import datetime_text
from .models import ModerationAction, Report
from .services import ACTION_LABELS, REASON_LABELS, Conflict


class UnreadReports(Conflict):
    """A decision refused because reports sent after the newest its page showed are still open."""


@dataclass(frozen=True)
class Shown:
    """What a page that does not list an item's reports, such as a proposal's own page, knows of
    its moderation: `seen`, the latest decision on it (0: none), and `open_reports`, how many of
    its reports are open. Its decision forms send `seen`, and `seen_report` 0 (the page showed no
    report): any open report then refuses the decision, and the item's page shows it."""

    seen: int
    open_reports: int


def shown_without_reports(target_type, target_id, territory_id):
    """The Shown of an item on a page that does not list its reports, in one query."""
    of_item = dict(target_type=target_type, target_id=target_id, territory_id=territory_id)
    latest = db.select(func.max(ModerationAction.id)).filter_by(**of_item).scalar_subquery()
    reports = db.select(func.count(Report.id)).filter_by(status="open", **of_item).scalar_subquery()
    seen, open_reports = db.session.execute(db.select(latest, reports)).one()
    return Shown(seen or 0, open_reports)


def decided_since(target, seen):
    """The latest decision on the item in its territory recorded after the decision numbered
    `seen` (0: none), the last one its moderator's page showed; or None."""
    return db.session.scalar(db.select(ModerationAction).where(
        ModerationAction.target_type == target.type, ModerationAction.target_id == target.id,
        ModerationAction.territory_id == target.territory_id, ModerationAction.id > seen)
        .order_by(ModerationAction.id.desc()).limit(1))


def reported_since(target, seen_report):
    """The open reports on the item in its territory sent after the report numbered `seen_report`
    (0: none), the newest one its moderator's page showed, oldest first."""
    return db.session.scalars(db.select(Report).where(
        Report.target_type == target.type, Report.target_id == target.id,
        Report.territory_id == target.territory_id, Report.status == "open", Report.id > seen_report)
        .order_by(Report.id)).all()


def overtaken(moderator, newer):
    """What a moderator is told when `newer` was recorded after their page showed the item."""
    date = datetime_text(newer.created_at)
    if newer.moderator_id == moderator.id:
        return _("You already recorded a decision on this item on %(date)s: %(decision)s. Nothing more was "
                 "recorded.", date=date, decision=ACTION_LABELS[newer.action])
    if newer.action == "auto_hide":
        return _("This item was hidden automatically after reports on %(date)s, after you opened it. Your decision "
                 "was not recorded: check the item as it is now, then decide again if needed.", date=date)
    name = newer.moderator.display_name if newer.moderator else _("Another moderator")
    return _("%(name)s recorded a decision on this item on %(date)s, after you opened it: %(decision)s. Yours was "
             "not recorded: check the item as it is now, then decide again if needed.",
             name=name, date=date, decision=ACTION_LABELS[newer.action])


def unread(reports):
    """What a moderator is told when `reports` were sent after their page showed the item."""
    reasons = ", ".join(dict.fromkeys(str(REASON_LABELS[r.reason]) for r in reports))
    return ngettext("A new report was sent on this item after you opened it (%(reasons)s). Your decision was not "
                    "recorded: read the report, then decide again if needed.",
                    "%(num)s new reports were sent on this item after you opened it (%(reasons)s). Your decision "
                    "was not recorded: read the reports, then decide again if needed.",
                    len(reports), reasons=reasons)


def require_up_to_date(moderator, target, seen=None, seen_report=None):
    """Raise Conflict when a decision was recorded on `target` after the one numbered `seen`, or
    a report sent after the one numbered `seen_report` is still open (None: not asked)."""
    newer = decided_since(target, seen) if seen is not None else None
    if newer is not None:
        raise Conflict(overtaken(moderator, newer))
    fresh = reported_since(target, seen_report) if seen_report is not None else []
    if fresh:
        raise UnreadReports(unread(fresh))
