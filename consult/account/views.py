"""Views of the account blueprint: profile, password, email address, my activity."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import permissions
from ..auth.forms import ActionForm
from ..auth.limits import password_checked
from ..auth.services import AccountError, change_password
from ..auth.sign_ins import remembered, sign_in
from ..auth.views import tokens_revoked
from ..core.errors import form_status
from ..core.urls import page_arg
from ..extensions import db
from ..i18n import LOCALE_COOKIE, current_locale, note_language
from ..territories.models import ResidentVerification, Territory
from . import activity as queries
from . import bp
from .email_change import change_email, read_email_change, request_email_change
from .forms import EmailForm, PasswordForm, ProfileForm

ACTIVITY_TABS = ("proposals", "comments", "votes")

bp.add_app_template_global(queries.vote_label, "vote_label")


def _profile_form(sent=True):
    """The profile form (as `sent`, when this request sends it), its language menu on the
    language the pages are in when the account has not chosen one (else the browser would show
    the first language, and saving would choose it)."""
    form = ProfileForm(obj=current_user) if sent else ProfileForm(obj=current_user, formdata=None)
    if not (sent and form.is_submitted()) and not form.locale.data:
        form.locale.data = current_locale()
    return form


def _verified_territories():
    """(territory, since) for each territory whose staff verified that the person lives there, by name."""
    return db.session.execute(
        db.select(Territory, ResidentVerification.created_at)
        .join(ResidentVerification, ResidentVerification.territory_id == Territory.id)
        .where(ResidentVerification.user_id == current_user.id)
        .order_by(Territory.folded_name, Territory.id)).all()


def _render_profile(profile_form=None, password_form=None, email_form=None, status=200):
    """The profile page; the forms not given are shown as they stand."""
    return render_template(
        "account/profile.html", resend_form=ActionForm(), verified=_verified_territories(),
        form=profile_form or _profile_form(sent=False),
        password_form=password_form or PasswordForm(current_user, formdata=None),
        email_form=email_form or EmailForm(current_user, formdata=None)), status


@bp.route("", methods=["GET", "POST"])
@login_required
def profile():
    form = _profile_form()
    if form.validate_on_submit():
        if form.display_name.data != current_user.display_name and not permissions.can_rename(current_user):
            form.display_name.errors.append(_("While your account is blocked, the name shown on your contributions "
                                              "cannot change."))
            return _render_profile(profile_form=form, status=403)
        current_user.display_name = form.display_name.data
        current_user.locale = form.locale.data
        note_language(current_user)
        db.session.flush()
        with force_locale(form.locale.data):
            flash(_("Your profile is saved."), "success")
        response = redirect(url_for("account.profile"))
        response.set_cookie(LOCALE_COOKIE, form.locale.data, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True)
        return response
    return _render_profile(profile_form=form, status=form_status())


@bp.post("/password")
@login_required
@password_checked()
def password():
    form = PasswordForm(current_user)
    if form.validate_on_submit():
        revoked = change_password(current_user, form.password.data)
        # This session gets the new version; every other one is signed out.
        sign_in(current_user._get_current_object(), remember=remembered())
        flash(_("Your password is changed. Your other sessions, on other devices, are signed out.")
              + tokens_revoked(revoked), "success")
        return redirect(url_for("account.profile"))
    return _render_profile(password_form=form, status=422)


@bp.post("/email")
@login_required
@password_checked()
def email():
    form = EmailForm(current_user)
    if form.validate_on_submit():
        try:
            request_email_change(current_user, form.email.data, current_locale())
        except AccountError:
            form.email.errors.append(_("This is already your address."))
        else:
            flash(_("We sent a link to %(new)s: open it to confirm the change. Until then, your account keeps "
                    "%(old)s.", new=form.email.data.lower(), old=current_user.email), "success")
            return redirect(url_for("account.profile"))
    return _render_profile(email_form=form, status=422)


@bp.route("/email/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token):
    """The link sent to the new address opens a page whose button makes the change: a mail
    scanner following the link changes nothing (else a mistyped address would give the account
    to that mailbox, which may then choose its password). The link names the account: the page
    works where nobody is signed in."""
    found = read_email_change(token)
    if found is None:
        return render_template("account/email_invalid.html"), 400
    user, new_email = found
    form = ActionForm()
    if not form.validate_on_submit():
        return render_template("account/email_confirm.html", form=form, email=new_email), form_status()
    here = current_user.is_authenticated and current_user.id == user.id  # read before the change ends the sign-ins
    change_email(user, new_email)
    flash(_("Your email address is now %(email)s. Your sessions on other devices are signed out.",
            email=user.email), "success")
    if here:  # this browser stays signed in
        sign_in(user, remember=remembered())
        return redirect(url_for("account.profile"))
    return redirect(url_for("auth.login"))


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
                           status_labels=queries.status_labels(tab))
