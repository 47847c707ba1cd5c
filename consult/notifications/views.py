"""Follows, the notification centre, preferences and unsubscribe links."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import update

from .. import permissions
from ..core.urls import page_arg, safe_next
from ..database import utcnow
from ..extensions import csrf, db
from . import bp
from .forms import MANDATORY_HINT, ActionForm, PreferencesForm
from .models import FOLLOW_TARGETS, Notification
from .services import (MANDATORY_KINDS, follow as follow_target, is_following, preferences,
                       set_preference, unfollow as unfollow_target, unread_count)
from .shown import as_shown
from .texts import KIND_LABELS
from .unsubscribe import InvalidToken, addressed_to, read_token

PER_PAGE = 20


def unread_count_now():
    """The signed-in person's unread notifications (counted once per request, when a page
    shows the badge)."""
    if "_unread_count" not in g:
        g._unread_count = unread_count(current_user) if current_user.is_authenticated else 0
    return g._unread_count


@bp.app_context_processor
def _notification_globals():
    return {"is_following": is_following}


def _load_target(target_type, target_id):
    """The followed object, or 404 when the type is unknown or the person may not see it."""
    if target_type not in FOLLOW_TARGETS:
        abort(404)
    if target_type == "territory":
        from ..territories.models import Territory

        obj = db.get_or_404(Territory, target_id)
        return obj, f"/territories/{obj.slug}"
    if target_type == "consultation":
        from ..consultations.models import Consultation

        obj = db.get_or_404(Consultation, target_id)
        permissions.require(permissions.can_view_consultation(current_user, obj), 404)
        return obj, f"/consultations/{obj.id}"
    from ..proposals.models import Proposal

    obj = db.get_or_404(Proposal, target_id)
    permissions.require(permissions.can_view_proposal(current_user, obj), 404)
    return obj, f"/proposals/{obj.id}"


def _back(default):
    return redirect(safe_next(request.form.get("next") or request.args.get("next"), default))


@bp.route("/follow/<target_type>/<int:id>", methods=["POST"])
@login_required
def follow(target_type, id):
    _target, default = _load_target(target_type, id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    permissions.require(permissions.can_follow(current_user))
    follow_target(current_user, target_type, id, auto=False)
    flash(_("You follow it now: you will be told when something happens. "
            "Choose how in your notification preferences."), "success")
    return _back(default)


@bp.route("/unfollow/<target_type>/<int:id>", methods=["POST"])
@login_required
def unfollow(target_type, id):
    _target, default = _load_target(target_type, id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    unfollow_target(current_user, target_type, id)
    flash(_("You no longer follow it: you will not be notified about it any more."), "success")
    return _back(default)


@bp.route("/me/notifications")
@login_required
def index():
    query = (db.select(Notification).where(Notification.user_id == current_user.id)
             .order_by(db.func.coalesce(Notification.updated_at, Notification.created_at).desc(),
                       Notification.id.desc()))
    pagination = db.paginate(query, page=page_arg(), per_page=PER_PAGE, error_out=False)
    items = as_shown(current_user, pagination.items, html=True)
    return render_template("notifications/index.html", pagination=pagination, items=items,
                           unread=unread_count(current_user), form=ActionForm())


def _read_own(id):
    """Mark one of my notifications as read (404 for anyone else's, 400 without a valid form)."""
    notification = db.session.get(Notification, id)
    if notification is None or not permissions.can_read_notification(current_user, notification):
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    if notification.read_at is None:
        notification.read_at = utcnow()
    return notification


@bp.route("/me/notifications/<int:id>/read", methods=["POST"])
@login_required
def mark_read(id):
    _read_own(id)
    flash(_("Notification marked as read."), "success")
    return _back(url_for("notifications.index"))


@bp.route("/me/notifications/read-all", methods=["POST"])
@login_required
def mark_all_read():
    if not ActionForm().validate_on_submit():
        abort(400)
    result = db.session.execute(
        update(Notification).where(Notification.user_id == current_user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()))
    count = result.rowcount or 0
    flash(ngettext("%(num)d notification marked as read.", "%(num)d notifications marked as read.", count),
          "success")
    return _back(url_for("notifications.index"))


@bp.route("/me/notifications/<int:id>/open", methods=["POST"])
@login_required
def open_item(id):
    """Mark as read and go to the item (the link in the centre)."""
    notification = _read_own(id)
    return redirect(safe_next(notification.url, url_for("notifications.index")))


@bp.route("/me/notifications/preferences", methods=["GET", "POST"], endpoint="preferences")
@login_required
def preferences_page():
    current = preferences(current_user)
    form = PreferencesForm.build(current, formdata=request.form if request.method == "POST" else None,
                                 staff=permissions.can_see_moderation(current_user))
    if request.method == "POST":
        if form.validate():
            for field in form.all_fields():
                set_preference(current_user, field.name, field.data)
            flash(_("Your preferences are saved. They apply to the next notifications."), "success")
            return redirect(url_for("notifications.preferences"))
        status = 422
    else:
        status = 200
    mandatory = [(KIND_LABELS[k], MANDATORY_HINT) for k in MANDATORY_KINDS]
    return render_template("notifications/preferences.html", form=form, mandatory=mandatory), status


def _unsubscribe_error(exc):
    if exc.expired:
        message = _("This unsubscribe link has expired. Sign in and change your notification preferences instead.")
    else:
        message = _("This unsubscribe link is not valid. Sign in and change your notification preferences instead.")
    return render_template("notifications/unsubscribe.html", error=message, done=False), 400


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token):
    from ..auth.models import User

    try:
        user_id, kinds, tag = read_token(token)
    except InvalidToken as exc:
        return _unsubscribe_error(exc)
    user = db.session.get(User, user_id)
    if user is None or user.deleted_at is not None or not addressed_to(user, tag):
        return _unsubscribe_error(InvalidToken())
    labels = [str(KIND_LABELS[k]) for k in kinds]
    if request.method == "POST":
        for kind in kinds:
            set_preference(user, kind, "never")
        return render_template("notifications/unsubscribe.html", done=True, labels=labels,
                               token=token, error=None)
    return render_template("notifications/unsubscribe.html", done=False, labels=labels,
                           token=token, error=None)

