"""Reports, the moderation queue, decisions and the audit log."""
from flask import abort
from flask.views import MethodView
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import fields, validate

from .. import permissions
from ..consultations.models import Consultation
from ..core.errors import fail
from ..core.ratelimits import counts_as_post
from ..extensions import db
from ..moderation.decisions import DECISIONS, act, decision_errors
from ..moderation.meanwhile import UnreadReports
from ..moderation.models import REASONS, TARGET_TYPES
from ..moderation.queries import build_queue, log_query
from ..moderation.queue_filters import WAITING, QueueFilters
from ..moderation.services import CANNOT_REPORT, AlreadyReported, Conflict, create_report, load_target
from ..territories.models import Territory
from ..territories.services import named
from .auth import require_write
from .common import PageArgs, envelope, invalid, iso, page_of, paginate
from .schema import Schema

blp = Blueprint("Moderation", __name__, url_prefix="/api/v1",
                description="Reports, moderation queue, decisions with their statement of reasons, audit log.")

ID = validate.Range(min=1, max=2**31 - 1)
DECISION_REFUSALS = {  # why permissions.decision_refusal says no
    "not_moderator": _l("You do not moderate this territory."),
    "own": _l("Nobody moderates their own contributions."),
    "staff": _l("Only a platform administrator may block a member of staff."),
}


class ReportInput(Schema):
    target_type = fields.String(required=True, validate=validate.OneOf(TARGET_TYPES))
    target_id = fields.Integer(required=True, validate=ID)
    reason = fields.String(required=True, validate=validate.OneOf(REASONS))
    details = fields.String(load_default="", validate=validate.Length(max=2000))
    territory = fields.String(metadata={"description": "territory slug, required to report a user"})


class ReportResult(Schema):
    id = fields.Integer(required=True)
    target_type = fields.String(required=True)
    target_id = fields.Integer(required=True)
    reason = fields.String(required=True)
    created_at = fields.String()


class ActionInput(Schema):
    target_type = fields.String(required=True, validate=validate.OneOf(TARGET_TYPES))
    target_id = fields.Integer(required=True, validate=ID)
    action = fields.String(required=True, validate=validate.OneOf(tuple(DECISIONS)))
    reason = fields.String(allow_none=True, validate=validate.OneOf(REASONS),
                           metadata={"description": "rule of the charter: required to hide, reject or block"})
    explanation = fields.String(load_default="", validate=validate.Length(max=2000))
    days = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=3650))
    for_good = fields.Boolean(load_default=False)
    territory = fields.String(metadata={"description": "territory slug, required for a user"})
    seen = fields.Integer(allow_none=True, validate=validate.Range(min=0), metadata={
        "description": "the item's latest_decision as the queue gave it: when another decision was recorded "
                       "since, this one is refused (409) and says which"})
    seen_report = fields.Integer(allow_none=True, validate=validate.Range(min=0), metadata={
        "description": "the item's latest_report as the queue gave it: when a report sent since is still open, "
                       "this decision is refused (409) and says how many and why they were sent. Required "
                       "when the item has open reports (422 without it): no report is decided unread"})


class ActionSchema(Schema):
    id = fields.Integer(required=True)
    territory = fields.String(required=True)
    target_type = fields.String(required=True)
    target_id = fields.Integer(required=True)
    action = fields.String(required=True)
    reason = fields.String(allow_none=True)
    explanation = fields.String()
    moderator = fields.String(allow_none=True, metadata={"description": "display name"})
    blocked_until = fields.String(allow_none=True)
    created_at = fields.String(required=True)


class QueueItemSchema(Schema):
    target_type = fields.String(required=True)
    target_id = fields.Integer(required=True)
    territory = fields.String(required=True)
    status = fields.String(allow_none=True)
    reports = fields.Integer(required=True, metadata={"description": "open reports"})
    reasons = fields.List(fields.String())
    author_history = fields.Integer(metadata={"description": "past decisions about the author"})
    since = fields.String()
    latest_decision = fields.Integer(metadata={"description": "id of the latest decision on the item (0: none); "
                                                              "send it back as `seen` with a decision"})
    latest_report = fields.Integer(metadata={"description": "id of the newest open report on the item (0: none); "
                                                            "send it back as `seen_report` with a decision"})


class QueueFilterArgs(PageArgs):
    territory = fields.String(metadata={"description": "slug of one of the territories one moderates: only its "
                                                       "items (422 when no territory has it, 403 for another one)"})
    consultation = fields.Integer(validate=ID, metadata={
        "description": "id of a consultation of a territory one moderates: only the proposals and comments "
                       "of this consultation (422 otherwise, and for one outside the territory asked)"})
    waiting = fields.String(validate=validate.OneOf(WAITING), metadata={
        "description": "only the items with open reports (reported), or only the contributions awaiting "
                       "approval before publication (pending); both when absent"})
    kind = fields.String(validate=validate.OneOf(TARGET_TYPES), metadata={"description": "only items of this kind"})
    reason = fields.String(validate=validate.OneOf(REASONS), metadata={
        "description": "only the items with an open report for this reason"})


class LogFilters(PageArgs):
    territory = fields.String()
    action = fields.String(validate=validate.Length(max=20))


QueuePage = page_of(QueueItemSchema, "QueuePage")
ActionPage = page_of(ActionSchema, "ActionPage")


def _territory_id(slug):
    if not slug:
        return None
    territory = named(slug)
    if territory is None:
        invalid({"territory": _("There is no territory with this name.")})
    return territory.id


def _target(data):
    """The item or person named (404 when there is none): whether the caller may report it, or
    decide on it, is asked of permissions.py next, as the site does."""
    territory_id = _territory_id(data.get("territory"))
    if data["target_type"] == "user" and territory_id is None:
        invalid({"territory": _("Say in which territory this person is reported.")})
    target = load_target(data["target_type"], data["target_id"], territory_id)
    if target is None:
        abort(404)
    return target


def serialize_action(a, slugs):
    return {"id": a.id, "territory": slugs.get(a.territory_id, ""), "target_type": a.target_type,
            "target_id": a.target_id, "action": a.action, "reason": a.rule, "explanation": a.explanation,
            "moderator": a.moderator.display_name if a.moderator else None,
            "blocked_until": iso(a.blocked_until), "created_at": iso(a.created_at)}


def _slugs(ids):
    """{territory id: slug} of these territories."""
    return dict(db.session.execute(db.select(Territory.id, Territory.slug).where(Territory.id.in_(ids))).all())


@blp.route("/reports")
class Reports(MethodView):
    @counts_as_post
    @blp.arguments(ReportInput)
    @blp.response(201, ReportResult)
    @blp.doc(security=[{"bearer": []}])
    def post(self, data):
        """Report a proposal, a comment or a person (one report per person and item, and a person
        once in each territory)."""
        user = require_write()
        if not permissions.can_report(user):
            fail(403, CANNOT_REPORT)
        target = _target(data)
        if not permissions.can_see_reportable(user, target):
            abort(404)
        if not permissions.can_report_item(user, target):
            fail(403, _("You cannot report your own contribution or account."))
        try:
            report = create_report(user, target, data["reason"], data.get("details", ""))
        except AlreadyReported:
            fail(409, _("You have already reported this. The moderators will review it."))
        return {"id": report.id, "target_type": report.target_type, "target_id": report.target_id,
                "reason": report.reason, "created_at": iso(report.created_at)}


@blp.route("/moderation/queue")
class Queue(MethodView):
    @blp.arguments(QueueFilterArgs, location="query")
    @blp.response(200, QueuePage)
    @blp.doc(security=[{"bearer": []}])
    def get(self, args):
        """Items with open reports or awaiting approval, in the territories one moderates; the
        filters narrow it as the moderation queue's page does."""
        served = permissions.staff_territory_ids(current_user)
        if not permissions.is_signed_in(current_user):
            abort(401)
        if not served:
            abort(403)
        territory_ids, consultation_id = _queue_place(served, args)
        filters = QueueFilters(consultation_id=consultation_id, waiting=args.get("waiting"), kind=args.get("kind"),
                               reason=args.get("reason"))
        items, total = build_queue(territory_ids, args["page"], args["per_page"], filters)
        slugs = _slugs(served)
        return envelope([{"target_type": i.target_type, "target_id": i.target_id,
                          "territory": slugs.get(i.territory_id, ""), "status": getattr(i.obj, "status", None),
                          "reports": i.report_count, "reasons": sorted({r.reason for r in i.reports}),
                          "author_history": i.history, "since": iso(i.since), "latest_decision": i.latest,
                          "latest_report": i.latest_report}
                         for i in items], args, total)


def _queue_place(served, args):
    """(territories, consultation id or None) the queue is narrowed to by its `territory` and
    `consultation` filters, among the `served` ones, as the moderation queue's page does."""
    territory_id = _territory_id(args.get("territory"))
    if territory_id is not None and territory_id not in served:
        abort(403)
    if "consultation" not in args:
        return served if territory_id is None else [territory_id], None
    consultation = db.session.get(Consultation, args["consultation"])
    if consultation is None or consultation.territory_id not in served:  # a draft elsewhere is not revealed
        invalid({"consultation": _("You moderate no consultation with this number.")})
    if territory_id not in (None, consultation.territory_id):
        invalid({"consultation": _("This consultation is not in the territory asked for.")})
    return [consultation.territory_id], consultation.id


def _decide(user, target, decision, seen, seen_report):
    """Record the decision (409 when something happened meanwhile). Without `seen_report`, a
    decision on an item with open reports is refused (422): no report is decided unread."""
    try:
        return act(user, target, **decision, seen=seen, seen_report=seen_report or 0)
    except Conflict as err:
        if isinstance(err, UnreadReports) and seen_report is None:
            invalid({"seen_report": _("This item has open reports: send back as seen_report the latest_report "
                                      "the queue gave you, to say which you have read.")})
        fail(409, err.message)


@blp.route("/moderation/actions")
class Actions(MethodView):
    @blp.arguments(ActionInput)
    @blp.response(201, ActionSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, data):
        """Decide on an item; every decision is logged and its author told why."""
        user = require_write()
        target = _target(data)
        refusal = permissions.decision_refusal(user, target, data["action"])
        if refusal:
            fail(403, str(DECISION_REFUSALS[refusal]))
        decision = {"action": data["action"], "rule": data.get("reason"), "explanation": data.get("explanation", ""),
                    "days": data.get("days"), "for_good": data.get("for_good", False)}
        errors = decision_errors(**decision)
        if errors:
            invalid({"reason" if name == "rule" else name: message for name, message in errors.items()})
        row = _decide(user, target, decision, data.get("seen"), data.get("seen_report"))
        return serialize_action(row, _slugs([row.territory_id]))


@blp.route("/moderation/log")
class Log(MethodView):
    @blp.arguments(LogFilters, location="query")
    @blp.response(200, ActionPage)
    @blp.doc(security=[{"bearer": []}])
    def get(self, args):
        """The append-only audit log of the territories one administers."""
        if not permissions.is_signed_in(current_user):
            abort(401)
        slugs = dict(db.session.execute(permissions.audit_log_candidates(
            current_user, db.select(Territory.id, Territory.slug))).all())
        ids = [t for t in slugs if permissions.can_view_audit_log(current_user, t)]
        wanted = _territory_id(args.get("territory"))
        if wanted is not None:
            if wanted not in ids:
                abort(403)
            ids = [wanted]
        if not ids:
            abort(403)
        return paginate(log_query(ids, action=args.get("action")), args, lambda a: serialize_action(a, slugs))
