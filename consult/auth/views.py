"""Views of the auth blueprint: register, confirm, sign in and out, password reset."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from werkzeug.exceptions import TooManyRequests

from ..core.errors import form_status
from ..core.ratelimits import retry_after_header, wait_minutes
from ..core.urls import safe_next
from ..extensions import limiter
from ..i18n import current_locale
from ..notifications.staff_events import work_url
from ..notifications.staff_texts import joined
from . import bp, services
from .limits import failed, forget_refused_sign_ins, login_limit, sign_in_accepted, take_sign_in
from .devices import has_signed_in_here, remember_device
from .sign_ins import sign_in, sign_out
from .forms import ActionForm, ConfirmForm, LoginForm, RegisterForm, ResetPasswordForm, ResetRequestForm


# --- register and confirm ----------------------------------------------------------------

@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("account.profile"))
    form = RegisterForm(email=request.args.get("email"))  # an invitation's link gives the invited address
    if form.validate_on_submit():
        # The same answer whether or not the address has an account: the mail tells its owner.
        services.register(form.email.data, form.display_name.data, form.password.data, current_locale())
        return render_template("auth/register_sent.html", email=form.email.data)
    return render_template("auth/register.html", form=form), form_status()


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"], deduct_when=failed)
def confirm(token):
    """The link of the confirmation mail opens a page that asks for the account's password:
    the link proves the address, the password that whoever holds it created the account (not
    somebody else with that address), and a mail scanner following the link confirms nothing."""
    user = services.read_token(token, "confirm", current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    if user is None:
        return render_template("auth/confirm_invalid.html", resend_form=ActionForm()), 400
    if user.is_confirmed:
        return _confirmed_already(user)
    form = ConfirmForm()
    if form.validate_on_submit():
        if services.confirm_with_password(user, form.password.data):
            sign_in(user)
            flash(_("Thank you, your email address is confirmed. You can now take part in consultations."),
                  "success")
            return remember_device(redirect(_after_confirming(user)), user)
        form.password.errors.append(_("This is not the password chosen when the account was created."))
    return render_template("auth/confirm.html", form=form, email=user.email), form_status()


def _after_confirming(user):
    """Where a newly confirmed account goes: the work of the teams its invitations made it join
    (services.confirm_user), told so, or else its profile."""
    for membership in user.memberships:
        flash(joined(membership), "success")
    return work_url(user.memberships[0]) if user.memberships else url_for("account.profile")


def _confirmed_already(user):
    flash(_("Your email address was already confirmed."), "info")
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(url_for("account.profile"))
    return redirect(url_for("auth.login"))


@bp.post("/confirm/resend")
@login_required
@limiter.limit(login_limit, methods=["POST"])
def resend_confirmation():
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("account.profile"))
    if current_user.is_confirmed:
        flash(_("Your email address is already confirmed."), "info")
    else:
        services.send_confirmation(current_user, current_locale())
        flash(_("We have sent a new confirmation link to %(email)s. It may take a few minutes to arrive; "
                "check your spam folder too.", email=current_user.email), "success")
    return redirect(url_for("account.profile"))


# --- sign in and out ---------------------------------------------------------------------

@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"], deduct_when=failed)
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"), "")
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(form.next.data, url_for("account.profile")))
    if form.validate_on_submit():
        wait = take_sign_in(form.email.data)
        if wait and not has_signed_in_here(form.email.data):  # too many refused sign-ins, from anywhere
            refusal = TooManyRequests(retry_after=wait)
            form.form_errors.append(ngettext(
                "Signing in with this email address was refused too many times. Please wait %(num)s minute "
                "before trying again, or choose a new password with the link below.",
                "Signing in with this email address was refused too many times. Please wait %(num)s minutes "
                "before trying again, or choose a new password with the link below.", wait_minutes(refusal)))
            return render_template("auth/login.html", form=form), 429, retry_after_header(refusal)
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            sign_in_accepted(form.email.data)
            sign_in(user, remember=form.remember.data)
            flash(_("You are signed in. Welcome, %(name)s.", name=user.display_name), "success")
            return remember_device(redirect(safe_next(form.next.data, url_for("account.profile"))), user)
        form.password.errors.append(_("The email address or the password is not right. Please try again."))
    return render_template("auth/login.html", form=form), form_status()


@bp.post("/logout")
def logout():
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("main.home"))
    if current_user.is_authenticated:
        sign_out()
        flash(_("You are signed out. See you soon."), "success")
    return redirect(url_for("main.home"))


# --- password reset ----------------------------------------------------------------------

def tokens_revoked(count):
    """The sentence added to "your password is changed" when API tokens were revoked with it."""
    if not count:
        return ""
    return " " + ngettext("Your API token is revoked: create a new one if a program needs it.",
                          "Your %(num)d API tokens are revoked: create new ones if programs need them.", count)


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data, current_locale())
        return render_template("auth/reset_sent.html", email=form.email.data)
    return render_template("auth/reset_request.html", form=form), form_status()


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    user = services.read_token(token, "reset", current_app.config["RESET_TOKEN_MAX_AGE"])
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        revoked = services.change_password(user, form.password.data)
        forget_refused_sign_ins(user.email)
        services.confirm_user(user)  # the link came by mail: the address works
        if current_user.is_authenticated:
            sign_out()
        flash(_("Your password is changed, and every other session is signed out. "
                "You can now sign in with your new password.") + tokens_revoked(revoked), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, token=token), form_status()
