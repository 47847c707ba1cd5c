"""The back office home and the platform admin's territory forms."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from ..auth.forms import ActionForm
from ..auth.platform_admins import platform_admin_count
from ..core.errors import form_status
from ..core.urls import page_arg
from ..extensions import db
from ..i18n import localized
from ..mail.delivery import LATE_AFTER, late_mail_count
from ..pages.defaults import DEFAULTS
from ..pages.models import BUILTIN
from ..pages.services import all_pages
from ..permissions import can_manage_platform, can_see_admin, require
from ..territories.forms import ADDRESS_NAMES, TerritoryForm, clean_words, kind_labels
from ..territories.models import Membership, Territory
from ..territories.access import territory_at
from ..territories.services import FIELDS, save_territory
from ..uploads import ImageError, ask_again
from . import bp

PER_PAGE = 25


def platform_pages():
    """Every page that exists, then the built-in ones not written yet: (slug, title, page or None, built in)."""
    rows = [(p.slug, p.text("title"), p, p.builtin) for p in all_pages()]
    written = {row[0] for row in rows}
    rows += [(slug, localized(DEFAULTS[slug][0]), None, True) for slug in BUILTIN if slug not in written]
    return rows


def _staff_counts(territory_ids):
    """{territory_id: {"admin": n, "moderator": n}} in one query."""
    counts = {tid: {"admin": 0, "moderator": 0} for tid in territory_ids}
    if territory_ids:
        rows = db.session.execute(
            db.select(Membership.territory_id, Membership.role, func.count(Membership.id))
            .where(Membership.territory_id.in_(territory_ids))
            .group_by(Membership.territory_id, Membership.role))
        for tid, role, n in rows:
            counts[tid][role] = n
    return counts


@bp.get("/")
@login_required
def index():
    require(can_see_admin(current_user))
    pagination = mine = None
    if can_manage_platform(current_user):
        pagination = db.paginate(db.select(Territory).order_by(Territory.folded_name, Territory.id),
                                 page=page_arg(),
                                 per_page=PER_PAGE, error_out=False)
        territories = pagination.items
    else:
        mine = db.session.scalars(
            db.select(Territory).join(Membership)
            .where(Membership.user_id == current_user.id, Membership.role == "admin")
            .order_by(Territory.folded_name, Territory.id)).all()
        territories = mine
    platform = pagination is not None
    return render_template("admin/index.html", pagination=pagination, territories=territories,
                           counts=_staff_counts([t.id for t in territories]), kinds=kind_labels(),
                           pages=platform_pages() if platform else [], delete_form=ActionForm(),
                           platform_admin_count=platform_admin_count() if platform else 0,
                           late_mail=late_mail_count() if platform else 0,
                           late_minutes=LATE_AFTER.seconds // 60)


def _form_data(form):
    data = {name: getattr(form, name).data for name in FIELDS}
    data["forbidden_words"] = clean_words(data["forbidden_words"])
    data["description"] = (data["description"] or "").strip()
    data["description_en"] = (data["description_en"] or "").strip()
    data["name"] = data["name"].strip()
    data["slug"] = form.address_name()
    return data


def _save(form, territory):
    """Save the territory; a refused logo or a taken slug becomes an error next to its field."""
    remove = bool(getattr(form, "remove_logo", None) and form.remove_logo.data)
    try:
        return save_territory(territory, _form_data(form), logo=form.logo.data, remove_logo=remove)
    except ImageError as error:
        form.logo.errors.append(str(error))
    except IntegrityError:
        form.slug.errors.append(str(ADDRESS_NAMES.taken))
    return None


def _render_form(form, territory):
    ask_again(form.logo)  # a form refused: the logo too is checked, or asked for again
    return render_template("admin/territory_form.html", form=form, territory=territory), form_status()


@bp.route("/territories/new", methods=["GET", "POST"])
@login_required
def territory_create():
    require(can_manage_platform(current_user))
    form = TerritoryForm()
    if form.validate_on_submit():
        territory = _save(form, None)
        if territory is not None:
            flash(_("The territory %(name)s is created. Now appoint its admins and moderators.",
                    name=territory.name), "success")
            return redirect(url_for("admin.members", slug=territory.slug))
    return _render_form(form, None)


@bp.route("/territories/<slug>/edit", methods=["GET", "POST"])
@login_required
def territory_edit(slug):
    require(can_manage_platform(current_user))
    territory = territory_at(slug)
    form = TerritoryForm(obj=territory, territory=territory)
    if form.validate_on_submit():
        if _save(form, territory) is not None:
            flash(_("The changes to %(name)s are saved and shown on its public page.",
                    name=territory.name), "success")
            return redirect(url_for("territories.show", slug=territory.slug))
    return _render_form(form, territory)
