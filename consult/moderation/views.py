"""Views of the moderation blueprint: reports, the review queue, decisions and appeals."""
from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from ..consultations.models import Consultation
from ..core.errors import form_status, render_error
from ..core.flashes import flash_at
from ..core.ratelimits import limit_posts
from ..core.urls import bounded_int, page_arg, safe_next
from ..extensions import db
from ..permissions import (can_decide, can_decide_appeal, can_moderate, can_report, can_report_item,
                           can_see_reportable, require, sees_taken_down, staff_territory_ids)
from ..territories.models import Territory
from ..territories.services import named
from . import bp
from .decisions import act as apply_decision
from .decisions import available, decide_appeal
from .forms import ActForm, AppealDecisionForm, QueueFilterForm, ReportForm
from .models import APPEALABLE, TARGET_TYPES, Appeal, ModerationAction, Report
from .queries import appeals_query, build_queue, history_counts
from .services import (ACTION_LABELS, ALREADY_TAKEN_DOWN, CANNOT_REPORT, REASON_LABELS, AlreadyReported, Conflict,
                       create_report, load_target, report_by)

PER_PAGE = 20


def item_url(target):
    if target.type == "proposal":
        return f"/proposals/{target.id}"
    if target.type == "comment":  # leads to its page of the debate, at its place
        return url_for("comments.show", id=target.id, _anchor=f"comment-{target.id}")
    return url_for("main.home")


def _territory_from_request():
    slug = request.values.get("territory", "")
    number = bounded_int(slug)
    if number is not None:
        return db.session.get(Territory, number)
    return named(slug) if slug else None


# --- reporting --------------------------------------------------------------------------

@bp.route("/report/<target_type>/<int:target_id>", methods=["GET", "POST"])
@limit_posts
@login_required
def report(target_type, target_id):
    if target_type not in TARGET_TYPES:
        abort(404)
    if not can_report(current_user):  # said why, as through the API; the report links lead back to the item
        return render_error(403, str(CANNOT_REPORT), back=safe_next(request.values.get("next"), None))
    territory = None
    if target_type == "user":
        territory = _territory_from_request()
        if territory is None:
            return render_error(400, _("Please report this person from a page of the territory concerned."))
    target = load_target(target_type, target_id, territory.id if territory else None)
    if target is not None and sees_taken_down(current_user, target):  # since the page was read, often
        return render_error(409, str(ALREADY_TAKEN_DOWN), back=safe_next(request.values.get("next"), item_url(target)),
                            keep_text=False)
    if target is None or not can_see_reportable(current_user, target):
        abort(404)
    require(can_report_item(current_user, target))
    territory = territory or db.session.get(Territory, target.territory_id)
    back = safe_next(request.values.get("next"), item_url(target))
    already = report_by(current_user, target)
    form = ReportForm()
    context = dict(form=form, target=target, territory=territory, back=back, already=already)
    if already is not None:
        status = 409 if request.method == "POST" else 200
        return render_template("moderation/report.html", **context), status
    if form.validate_on_submit():
        try:
            create_report(current_user, target, form.reason.data, form.details.data)
        except AlreadyReported:
            context["already"] = True
            return render_template("moderation/report.html", **context), 409
        # shown where the person lands: in the comment reported, when they come back to it
        flash_at(back, _("Thank you. Your report was sent to the moderators of %(territory)s, who will review it.",
                         territory=territory.name))
        return redirect(back)
    return render_template("moderation/report.html", **context), form_status()


# --- the queue and decisions ------------------------------------------------------------

def _served():
    served = staff_territory_ids(current_user)
    require(served)
    return served


@bp.route("/", methods=["GET"])
@login_required
def index():
    served = _served()
    territories = db.session.scalars(db.select(Territory).where(Territory.id.in_(served))
                                     .order_by(Territory.folded_name, Territory.id)).all()
    consultation = _consultation_filter(served)
    selected = consultation.territory_id if consultation else bounded_int(request.args.get("territory", ""))
    if selected is not None and selected not in served:
        abort(403)
    form = QueueFilterForm(request.args)
    context = dict(territories=territories, selected=selected, consultation=consultation, form=form,
                   reasons=REASON_LABELS)
    if not form.validate():  # a value the form does not offer (an edited address): said next to its field
        return render_template("moderation/index.html", items=None, **context), 422
    # what the links to its other pages keep, and the way back to the last page (a decision
    # taken from the queue comes back to its full address: see _back_to_queue)
    place = {"consultation": consultation.id} if consultation else {"territory": selected} if selected else {}
    args = place | form.args()
    page = page_arg()
    items, total = build_queue([selected] if selected else list(served), page, PER_PAGE,
                               form.filters(consultation.id if consultation else None))
    pages = max(1, (total + PER_PAGE - 1) // PER_PAGE)
    if page > pages and total:  # its last items decided (the moderator lands back there): the last page left
        return redirect(url_for("moderation.index", page=pages, **args))
    return render_template("moderation/index.html", items=items, total=total, page=page, pages=pages, args=args,
                           place=place, **context)


def _consultation_filter(served):
    """The consultation whose items alone the queue shows (?consultation=, as the back office's
    list of consultations links to it), or None; 404 for one of a territory not `served` (a draft
    of another territory is not revealed)."""
    number = bounded_int(request.args.get("consultation", ""))
    if number is None:
        return None
    consultation = db.session.get(Consultation, number)
    if consultation is None or consultation.territory_id not in served:
        abort(404)
    return consultation


def _target_from_form():
    target_type = request.values.get("target_type", "")
    target_id = bounded_int(request.values.get("target_id", ""))
    if target_type not in TARGET_TYPES or target_id is None:
        abort(400)
    territory_id = bounded_int(request.values.get("territory_id", ""))
    if target_type == "user" and territory_id is None:
        abort(400)
    target = load_target(target_type, target_id, territory_id)
    if target is None:
        abort(404)
    require(can_moderate(current_user, target.territory_id))
    return target


def _back_to_queue():
    """Where the moderator came from, carried as `next` to the item page and its decision form:
    the queue as they left it (its filters and page), or the public page where they
    read the item (at the comment); the queue by default."""
    return safe_next(request.values.get("next"), url_for("moderation.index"))


def _sent_since(form, reports):
    """The open reports sent after the page a refused decision came from (their ids), which the
    page showing the item again points out."""
    seen_report = form.stamps()[1]
    return {r.id for r in reports if r.status == "open" and r.id > seen_report}


def _render_item(target, form, status=200, conflict=None):
    # what was reported and decided in this territory (a person may be reported elsewhere too)
    reports = db.session.scalars(db.select(Report).where(
        Report.target_type == target.type, Report.target_id == target.id,
        Report.territory_id == target.territory_id).order_by(Report.created_at)).all()
    past = db.session.scalars(db.select(ModerationAction).where(
        ModerationAction.target_type == target.type, ModerationAction.target_id == target.id,
        ModerationAction.territory_id == target.territory_id).order_by(ModerationAction.id.desc())
        .options(selectinload(ModerationAction.moderator))).all()
    history = history_counts({target.author_id}).get(target.author_id, 0)
    territory = db.session.get(Territory, target.territory_id)
    fresh = _sent_since(form, reports) if conflict else set()
    # what this page shows, which a decision sent from it has seen
    if form.seen.data is None or conflict:
        form.seen.data = str(past[0].id if past else 0)
    if form.seen_report.data is None or conflict:
        form.seen_report.data = str(max((r.id for r in reports), default=0))
    # the form offers only what applies to the item now (and may be done by this moderator)
    offered = {action for action in available(target, any(r.status == "open" for r in reports))
               if can_decide(current_user, target, action)}
    form.action.choices = [choice for choice in form.action.choices if choice.value in offered]
    back = _back_to_queue()
    return render_template("moderation/item.html", target=target, form=form, reports=reports, past=past,
                           history=history, territory=territory, conflict=conflict, fresh=fresh, back=back,
                           back_to_queue=urlsplit(back).path == url_for("moderation.index"),
                           reasons=REASON_LABELS, actions=ACTION_LABELS), status


@bp.route("/item/<target_type>/<int:target_id>")
@login_required
def item(target_type, target_id):
    _served()
    target = _target_from_form_args(target_type, target_id)
    return _render_item(target, ActForm(target_type=target.type, target_id=target.id,
                                        territory_id=target.territory_id))


def _target_from_form_args(target_type, target_id):
    territory = _territory_from_request() if target_type == "user" else None
    if target_type not in TARGET_TYPES or (target_type == "user" and territory is None):
        abort(404)
    target = load_target(target_type, target_id, territory.id if territory else None)
    if target is None:
        abort(404)
    require(can_moderate(current_user, target.territory_id))
    return target


def _decided(action):
    """What the moderator is told once a decision is recorded."""
    if action == "dismiss":
        return _("The reports were dismissed.")
    label = ACTION_LABELS[action]
    if action in APPEALABLE:
        return _("Decision recorded: %(action)s. The author has been told why, and may appeal.", action=label)
    if action == "warn":
        return _("Decision recorded: %(action)s. The author has been told why.", action=label)
    return _("Decision recorded: %(action)s. The author has been told.", action=label)


@bp.route("/act", methods=["POST"])
@login_required
def act():
    _served()
    target = _target_from_form()
    require(can_decide(current_user, target, request.form.get("action")))
    form = ActForm()
    if not form.validate_on_submit():
        return _render_item(target, form, 422)
    seen, seen_report = form.stamps()
    try:
        apply_decision(current_user, target, form.action.data, rule=form.rule.data,
                       explanation=form.explanation.data, days=form.days.data, for_good=form.for_good.data,
                       seen=seen, seen_report=seen_report)
    except Conflict as err:
        return _render_item(target, form, 409, conflict=err.message)
    back = _back_to_queue()
    flash_at(back, _decided(form.action.data))  # in the comment decided on, when back at it
    return redirect(back)


# --- appeals ----------------------------------------------------------------------------

@bp.route("/appeals")
@login_required
def appeals():
    served = _served()
    page = page_arg()
    pending = db.paginate(appeals_query(list(served)), page=page, per_page=PER_PAGE, error_out=False)
    decided = db.session.scalars(appeals_query(list(served), decided=True).limit(10)).all()
    return render_template("moderation/appeals.html", pending=pending, decided=decided,
                           actions=ACTION_LABELS, reasons=REASON_LABELS)


@bp.route("/appeals/<int:appeal_id>", methods=["GET", "POST"])
@login_required
def appeal(appeal_id):
    _served()
    appeal = db.get_or_404(Appeal, appeal_id)
    action = appeal.action
    require(can_moderate(current_user, action.territory_id))
    target = load_target(action.target_type, action.target_id, action.territory_id)
    form = AppealDecisionForm()
    context = dict(appeal=appeal, action=action, target=target, form=form, actions=ACTION_LABELS,
                   reasons=REASON_LABELS, may_decide=can_decide_appeal(current_user, appeal))
    if request.method == "POST":
        require(context["may_decide"])
        if appeal.decision:
            context["conflict"] = _("This appeal has already been decided.")
            return render_template("moderation/appeal.html", **context), 409
        if not form.validate_on_submit():
            return render_template("moderation/appeal.html", **context), 422
        try:
            decide_appeal(current_user, appeal, form.decision.data, form.decision_text.data)
        except Conflict as err:
            context["conflict"] = err.message
            return render_template("moderation/appeal.html", **context), 409
        if form.decision.data == "confirmed":
            flash(_("Appeal decided: the decision is confirmed. The author has been told."), "success")
        elif action.action == "block":
            flash(_("Appeal decided: the decision is reversed and the block lifted. The author has been told."),
                  "success")
        else:
            flash(_("Appeal decided: the decision is reversed and the content shown again. "
                    "The author has been told."), "success")
        return redirect(url_for("moderation.appeals"))
    return render_template("moderation/appeal.html", **context)


from . import log_views  # noqa: E402,F401
