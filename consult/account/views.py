"""Views of the account blueprint: profile, password, my activity."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from ..auth.forms import ActionForm
from ..auth.services import change_password
from ..core.urls import page_arg
from ..extensions import db
from ..i18n import LOCALE_COOKIE, current_locale
from . import activity as queries
from . import bp
from .forms import PasswordForm, ProfileForm

ACTIVITY_TABS = ("proposals", "comments", "votes")

bp.add_app_template_global(queries.vote_label, "vote_label")


def _render_profile(profile_form, password_form, status=200):
    return render_template("account/profile.html", form=profile_form, password_form=password_form,
                           resend_form=ActionForm()), status


@bp.route("", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if not form.is_submitted() and not form.locale.data:
        form.locale.data = current_locale()
    if form.validate_on_submit():
        current_user.display_name = form.display_name.data
        current_user.locale = form.locale.data
        db.session.flush()
        with force_locale(form.locale.data):
            flash(_("Your profile is saved."), "success")
        response = redirect(url_for("account.profile"))
        response.set_cookie(LOCALE_COOKIE, form.locale.data, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True)
        return response
    status = 422 if form.is_submitted() else 200
    return _render_profile(form, PasswordForm(current_user, formdata=None), status)


@bp.post("/password")
@login_required
def password():
    form = PasswordForm(current_user)
    if form.validate_on_submit():
        remembered = bool(request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")))
        change_password(current_user, form.password.data)
        # This session gets the new version; every other one is signed out.
        login_user(current_user._get_current_object(), remember=remembered)
        flash(_("Your password is changed. Your other sessions, on other devices, are signed out."), "success")
        return redirect(url_for("account.profile"))
    return _render_profile(ProfileForm(obj=current_user, formdata=None), form, 422)


@bp.get("/activity")
@login_required
def activity():
    tab = request.args.get("show", "proposals")
    if tab not in ACTIVITY_TABS:
        tab = "proposals"
    loader = {"proposals": queries.my_proposals, "comments": queries.my_comments, "votes": queries.my_votes}[tab]
    pagination = loader(current_user, page_arg())
    counts = queries.counts(current_user)
    return render_template("account/activity.html", tab=tab, pagination=pagination, counts=counts,
                           status_labels=queries.PROPOSAL_STATUS_LABELS)
