"""The staff activity log, newest first: a territory's, for its admins; the whole platform's,
platform admins included, for the platform admins."""
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from ..core.urls import page_arg
from ..extensions import db
from ..permissions import can_view_platform_staff_log, can_view_staff_log, require
from ..territories.access import territory_or_404
from ..territories.forms import role_labels
from ..territories.models import Territory
from ..territories.services import renamed
from ..territories.staff_log import ACTION_LABELS, log_entries
from . import bp
from .forms import StaffLogFilterForm

PER_PAGE = 50


def _page(query, status=200, **context):
    rows = None if query is None else db.paginate(query, page=page_arg(), per_page=PER_PAGE, error_out=False)
    return render_template("admin/staff_log.html", rows=rows, actions=ACTION_LABELS, role_labels=role_labels(),
                           **context), status


@bp.get("/territories/<slug>/log")
@login_required
def territory_staff_log(slug):
    territory = territory_or_404(slug, can_view_staff_log)
    return _page(log_entries(territory), territory=territory)


@bp.get("/log")
@login_required
def staff_log():
    require(can_view_platform_staff_log(current_user))
    former = renamed(request.args.get("territory", ""))
    if former:  # an old link: to the territory's name now, which the filter's list selects
        return redirect(url_for("admin.staff_log", territory=former.slug))
    territories = db.session.scalars(db.select(Territory).order_by(Territory.folded_name, Territory.id)).all()
    form = StaffLogFilterForm(request.args)
    form.territory.choices = [SelectChoice("", _("All territories"))] + [
        SelectChoice(t.slug, t.name) for t in territories]
    if not form.validate():
        return _page(None, 422, form=form)
    chosen = next((t for t in territories if t.slug == form.territory.data), None)
    return _page(log_entries(chosen), form=form, args={"territory": chosen.slug} if chosen else {})
