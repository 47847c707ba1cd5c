"""Appointing a territory's admins and moderators by email (inviting those without an account),
and removing them."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import ActionForm
from ..core.accounts import live_account
from ..core.errors import form_status
from ..i18n import current_locale
from ..permissions import can_appoint, can_manage_territory, require
from ..territories import invitations
from ..territories.forms import MemberForm, role_labels
from ..territories.access import row_of_territory_or_404, territory_or_404
from ..territories.models import ROLES, Invitation, Membership
from ..territories.services import MemberError, add_member, members_of, remove_member
from . import bp


def _appointed(role, name, territory):
    if role == "admin":
        return _("%(name)s is now an admin of %(territory)s and can run its consultations.",
                 name=name, territory=territory)
    return _("%(name)s is now a moderator of %(territory)s and can review its contributions.",
             name=name, territory=territory)


def _invited(invitation, renewed):
    if renewed:
        return _("A new invitation was sent to %(email)s: the link sent before no longer works.",
                 email=invitation.email)
    if invitation.role == "admin":
        return _("No account uses %(email)s yet: an invitation to become an admin was sent to this address. "
                 "The person gets the role once they have created their account.", email=invitation.email)
    return _("No account uses %(email)s yet: an invitation to become a moderator was sent to this address. "
             "The person gets the role once they have created their account.", email=invitation.email)


def _appoint_or_invite(territory, email, role):
    """The sentence telling what was done: the role given, or an invitation sent."""
    if live_account(email) is None:
        return _invited(*invitations.invite(territory, email, role, current_user, current_locale()))
    membership = add_member(territory, email, role, actor=current_user)
    return _appointed(membership.role, membership.user.display_name, territory.name)


def _removed(role, name, territory):
    if role == "admin":
        return _("%(name)s is no longer an admin of %(territory)s.", name=name, territory=territory)
    return _("%(name)s is no longer a moderator of %(territory)s.", name=name, territory=territory)


@bp.route("/territories/<slug>/members", methods=["GET", "POST"])
@login_required
def members(slug):
    territory = territory_or_404(slug, can_manage_territory)
    roles = [r for r in ROLES if can_appoint(current_user, territory, r)]
    form = MemberForm(roles=roles)
    if form.validate_on_submit():
        require(can_appoint(current_user, territory, form.role.data))
        try:
            done = _appoint_or_invite(territory, form.email.data, form.role.data)
        except MemberError as error:
            form.email.errors.append(str(error))
        else:
            flash(done, "success")
            return redirect(url_for("admin.members", slug=territory.slug))
    return render_template("admin/members.html", territory=territory, form=form,
                           memberships=members_of(territory), invitations=invitations.invitations_of(territory),
                           remove_form=ActionForm(), role_labels=role_labels()), form_status()


def _taken_back(slug, model, row_id):
    """The territory and the row of its team (a role, an invitation) to take back: 404 when it is
    not the territory's, 403 for whoever may not give its role, 400 without the form's token."""
    territory = territory_or_404(slug, can_manage_territory)
    row = row_of_territory_or_404(model, row_id, territory)
    require(can_appoint(current_user, territory, row.role))
    if not ActionForm().validate_on_submit():
        abort(400)
    return territory, row


@bp.post("/territories/<slug>/members/<int:membership_id>/remove")
@login_required
def member_remove(slug, membership_id):
    territory, membership = _taken_back(slug, Membership, membership_id)
    name, role = membership.user.display_name, membership.role
    remove_member(membership, actor=current_user)
    flash(_removed(role, name, territory.name), "success")
    return redirect(url_for("admin.members", slug=territory.slug))


@bp.post("/territories/<slug>/invitations/<int:invitation_id>/withdraw")
@login_required
def invitation_withdraw(slug, invitation_id):
    territory, invitation = _taken_back(slug, Invitation, invitation_id)
    invitations.withdraw(invitation)
    flash(_("The invitation sent to %(email)s is withdrawn: its link no longer works.", email=invitation.email),
          "success")
    return redirect(url_for("admin.members", slug=territory.slug))
