"""Finding an account, for the platform admins who answer residents ("I never got the
confirmation mail", "which address did I sign up with?"): by part of its email address or of its
display name, with its state and roles; an unconfirmed one may be sent its link again."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, or_
from sqlalchemy.orm import selectinload

from ..auth.forms import ActionForm
from ..auth.limits import may_mail
from ..auth.models import User
from ..auth.services import send_confirmation
from ..extensions import db
from ..permissions import can_manage_platform, require
from ..territories.models import Membership
from ..text import fold
from . import bp

SHOWN = 50
QUERY_MAX = 120


def find_accounts(text):
    """At most SHOWN + 1 accounts (deleted ones are nobody any more) whose email address or
    display name holds `text`, whatever its case and accents, newest first."""
    return db.session.scalars(
        db.select(User).where(User.deleted_at.is_(None),
                              or_(func.lower(User.email).contains(text.lower(), autoescape=True),
                                  User.folded_name.contains(fold(text), autoescape=True)))
        .options(selectinload(User.memberships).joinedload(Membership.territory))
        .order_by(User.created_at.desc(), User.id.desc()).limit(SHOWN + 1)).all()


@bp.get("/accounts")
@login_required
def accounts():
    require(can_manage_platform(current_user))
    text = request.args.get("q", "").strip()[:QUERY_MAX]
    found = find_accounts(text) if len(text) >= 2 else None
    return render_template("admin/accounts.html", text=text, found=(found or [])[:SHOWN],
                           searched=found is not None, more=found is not None and len(found) > SHOWN,
                           resend_form=ActionForm())


@bp.post("/accounts/<int:user_id>/confirmation")
@login_required
def account_confirmation(user_id):
    """Send an unconfirmed account its confirmation link again (the mailbox's limit applies)."""
    require(can_manage_platform(current_user))
    user = db.get_or_404(User, user_id)
    back = url_for(".accounts", q=request.form.get("q") or user.email)
    if not ActionForm().validate_on_submit() or user.deleted_at is not None:
        flash(_("This action is not available."), "error")
    elif user.is_confirmed:
        flash(_("The address %(email)s is already confirmed.", email=user.email), "info")
    elif not may_mail(user.email):
        flash(_("Several mails went to %(email)s lately: try again in an hour.", email=user.email), "error")
    else:
        send_confirmation(user)  # in the person's language, not the admin's
        flash(_("A new confirmation link is sent to %(email)s.", email=user.email), "success")
    return redirect(back, 303)
