"""The append-only audit log, for territory admins: filter, page through, download as CSV
(for programs, or for a spreadsheet)."""
from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from ..core.csvfiles import csv_download
from ..core.urls import bounded_int, page_arg
from ..extensions import db
from ..permissions import audit_log_candidates, can_view_audit_log, require
from ..territories.models import Territory
from . import bp, log_tables
from .forms import LogFilterForm
from .queries import log_download_query, log_query, staff_of
from .services import ACTION_LABELS, REASON_LABELS

PER_PAGE = 50


def _log_territories():
    territories = [t for t in db.session.scalars(audit_log_candidates(current_user, db.select(Territory))
                                                 .order_by(Territory.folded_name, Territory.id))
                   if can_view_audit_log(current_user, t.id)]
    require(territories)
    return territories


def _filtered():
    territories = _log_territories()
    ids = [t.id for t in territories]
    asked = bounded_int(request.args.get("territory", ""))
    require(asked is None or asked in ids)  # ids: the territories can_view_audit_log lets them read
    form = LogFilterForm(request.args)
    form.territory.choices = [SelectChoice("", _("All my territories"))] + [
        SelectChoice(str(t.id), t.name) for t in territories]
    form.action.choices = [SelectChoice("", _("All actions"))] + [
        SelectChoice(k, str(v)) for k, v in ACTION_LABELS.items()]
    form.moderator.choices = [SelectChoice("", _("Everyone"))] + [
        SelectChoice(str(u.id), u.display_name) for u in staff_of(ids)]
    if not form.validate():
        return None, form, territories
    if form.territory.data:
        ids = [int(form.territory.data)]
    filters = dict(action=form.action.data or None, start=form.start.data, end=form.end.data,
                   moderator_id=int(form.moderator.data) if form.moderator.data else None)
    return (ids, filters), form, territories


@bp.route("/log")
@login_required
def log():
    asked, form, territories = _filtered()
    if asked is None:
        return render_template("moderation/log.html", form=form, rows=None, territories={},
                               actions=ACTION_LABELS, reasons=REASON_LABELS), 422
    ids, filters = asked
    rows = db.paginate(log_query(ids, **filters), page=page_arg(), per_page=PER_PAGE, error_out=False)
    # Only the filters are carried into the page and CSV links: not `page`, nor any other argument.
    args = {f.name: request.args[f.name] for f in form if request.args.get(f.name)}
    return render_template("moderation/log.html", form=form, rows=rows, args=args,
                           territories={t.id: t for t in territories},
                           actions=ACTION_LABELS, reasons=REASON_LABELS)


@bp.route("/log.csv")
@login_required
def log_csv():
    """For programs: codes and UTC dates, as stored."""
    return _download("moderation-log.csv", log_tables.COLUMNS, log_tables.open_rows)


@bp.route("/log-excel.csv")
@login_required
def log_excel_csv():
    """For people: labels in their language, dates in the platform's time zone."""
    return _download("moderation-log-excel.csv", log_tables.spreadsheet_header(), log_tables.spreadsheet_rows,
                     for_spreadsheet=True)


def _download(filename, header, rows, for_spreadsheet=False):
    asked, form, territories = _filtered()
    if asked is None:
        return Response(_("Some filters are not valid.") + "\n", status=422, mimetype="text/plain")
    ids, filters = asked
    names = {t.id: t.name for t in territories}
    entries = db.session.execute(log_download_query(ids, **filters))
    return csv_download(filename, header, rows(entries, names), for_spreadsheet=for_spreadsheet)
