"""Decisions about my content or account (statement of reasons) and my appeals, under /me."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from .. import permissions
from ..core.ratelimits import limit_posts
from ..core.urls import page_arg
from ..extensions import db
from .decisions import AlreadyAppealed, create_appeal
from .forms import AppealForm
from .models import APPEALABLE, ModerationAction
from .queries import targets_of
from .services import ACTION_LABELS, REASON_LABELS, Conflict, template_labels

bp = Blueprint("moderation_me", __name__, url_prefix="/me")
bp.context_processor(template_labels)

SHOWN = ("hide", "auto_hide", "reject", "warn", "block", "restore", "approve", "appeal_confirmed",
         "appeal_reversed")
PER_PAGE = 20


@bp.route("/moderation")
@login_required
def index():
    page = page_arg()
    decisions = db.paginate(
        db.select(ModerationAction)
        .where(ModerationAction.subject_user_id == current_user.id, ModerationAction.action.in_(SHOWN))
        .options(selectinload(ModerationAction.appeal))
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc()),
        page=page, per_page=PER_PAGE, error_out=False)
    return render_template("moderation/me.html", decisions=decisions, targets=targets_of(decisions.items),
                           appealable=APPEALABLE, actions=ACTION_LABELS, reasons=REASON_LABELS)


@bp.route("/moderation/<int:action_id>/appeal", methods=["GET", "POST"])
@limit_posts
@login_required
def appeal(action_id):
    action = db.session.get(ModerationAction, action_id)
    if action is None or not permissions.can_appeal_decision(current_user, action):
        abort(404)
    form = AppealForm()
    context = dict(action=action, form=form, target=targets_of([action]).get((action.target_type, action.target_id)),
                   appealable=action.action in APPEALABLE, actions=ACTION_LABELS, reasons=REASON_LABELS)
    if request.method == "POST":
        if action.appeal is not None:
            context["conflict"] = _("You have already appealed this decision: one appeal per decision.")
            return render_template("moderation/appeal_form.html", **context), 409
        if not form.validate_on_submit():
            return render_template("moderation/appeal_form.html", **context), 422
        try:
            create_appeal(current_user, action, form.message.data)
        except AlreadyAppealed:
            context["conflict"] = _("You have already appealed this decision: one appeal per decision.")
            return render_template("moderation/appeal_form.html", **context), 409
        except Conflict as err:
            context["conflict"] = err.message
            return render_template("moderation/appeal_form.html", **context), 409
        flash(_("Your appeal was sent. Another moderator will review the decision and you will be told the outcome."),
              "success")
        return redirect(url_for("moderation_me.index"))
    return render_template("moderation/appeal_form.html", **context)
