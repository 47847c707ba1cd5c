"""The page an invitation to a territory's team links to (territories/invitations.py): it leads
to creating the account with the invited address, or to signing in with it, and lets the
person signed in with that address take the role, nobody else."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..core.errors import form_status
from ..notifications.staff_events import work_url
from ..notifications.staff_texts import joined
from ..permissions import can_accept_invitation, invitation_stands, is_invited, is_signed_in
from . import bp
from .forms import ActionForm


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def invitation(token):
    # Imported here: the territories' logic needs the accounts', whose package holds this page.
    from ..core.accounts import live_account
    from ..territories import invitations
    from ..territories.services import MemberError

    invitation = invitations.by_token(token)
    if invitation is None or not invitation_stands(invitation):
        return render_template("auth/invitation_invalid.html"), 404
    if invitation.is_expired():
        return render_template("auth/invitation_invalid.html", expired=invitation), 410
    page = {"invitation": invitation, "offer": invitations.offer(invitation, current_app.config["PLATFORM_NAME"])}
    if not is_signed_in(current_user):
        return render_template("auth/invitation.html", **page, account=live_account(invitation.email),
                               register_url=url_for("auth.register", email=invitation.email),
                               login_url=url_for("auth.login", next=request.path))
    if not is_invited(current_user, invitation):
        return render_template("auth/invitation.html", **page, other_account=True), 403
    if not can_accept_invitation(current_user, invitation):  # the address not confirmed yet
        return render_template("auth/invitation.html", **page, unconfirmed=True), 200 if request.method == "GET" else 403
    form = ActionForm()
    if form.validate_on_submit():
        try:
            membership = invitations.accept(invitation, current_user)
        except MemberError as error:
            form.form_errors.append(str(error))
        else:
            flash(joined(membership), "success")
            return redirect(work_url(membership))
    return render_template("auth/invitation.html", **page, form=form), form_status()
