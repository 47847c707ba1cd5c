"""The platform admins: appointed by email by another platform admin, and removed (never the last)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import ActionForm
from ..auth.models import User
from ..auth.platform_admins import PlatformAdminError, appoint_platform_admin, platform_admins, remove_platform_admin
from ..core.errors import form_status
from ..extensions import db
from ..permissions import can_manage_platform, require
from . import bp
from .forms import PlatformAdminForm


def _page(form, status=200, refusal=None):
    admins = platform_admins()
    return render_template("admin/platform_admins.html", form=form, admins=admins,
                           acting=[a.id for a in admins if not a.is_blocked()],
                           remove_form=ActionForm(), refusal=refusal), status


@bp.route("/platform-admins", methods=["GET", "POST"])
@login_required
def platform_admin_list():
    require(can_manage_platform(current_user))
    form = PlatformAdminForm()
    if form.validate_on_submit():
        try:
            user = appoint_platform_admin(form.email.data, actor=current_user)
        except PlatformAdminError as error:
            form.email.errors.append(str(error))
        else:
            flash(_("%(name)s is now a platform admin: they create territories, appoint their teams and edit "
                    "the platform pages.", name=user.display_name), "success")
            return redirect(url_for("admin.platform_admin_list"))
    return _page(form, form_status())


@bp.post("/platform-admins/<int:user_id>/remove")
@login_required
def platform_admin_remove(user_id):
    require(can_manage_platform(current_user))
    user = db.session.get(User, user_id)
    if user is None or not user.is_platform_admin:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    confirmed = user.id != current_user.id or request.form.get("confirm") == "yes"
    try:
        removed = remove_platform_admin(user, confirmed, actor=current_user)
    except PlatformAdminError as error:
        return _page(PlatformAdminForm(formdata=None), 409, refusal=str(error))
    if not removed:  # giving up one's own role is asked twice
        return render_template("admin/platform_admin_leave.html", form=ActionForm())
    if user.id == current_user.id:
        flash(_("You are no longer a platform admin."), "success")
        return redirect(url_for("main.home"))
    flash(_("%(name)s is no longer a platform admin.", name=user.display_name), "success")
    return redirect(url_for("admin.platform_admin_list"))
