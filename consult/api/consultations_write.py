"""POST /consultations and PATCH /consultations/{id}: territory admins run their consultations."""
from datetime import timezone

from flask.views import MethodView
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import fields, validate

from .. import permissions
from ..consultations import services
from ..consultations.categories import InUse
from ..consultations.models import MODERATION, PARTICIPATION, THEMES, VOTE_MODES
from ..core.errors import fail
from ..database import utcnow
from ..phases import PHASE_KINDS
from ..territories.services import named
from . import serializers
from .auth import require_write
from .common import invalid
from .consultations import ConsultationDetailSchema, get_visible
from .schema import Schema

blp = Blueprint("Consultations (writing)", __name__, url_prefix="/api/v1/consultations",
                description="Creating and running consultations (territory admins).")

COUNT = validate.Range(min=0, max=services.MAX_COUNT)
TEXT_MAX = max(services.TEXT_LIMITS.values())  # each text's own limit is checked by the services


class Bilingual(Schema):
    fr = fields.String(validate=validate.Length(max=TEXT_MAX))
    en = fields.String(validate=validate.Length(max=TEXT_MAX))


class UtcDateTime(fields.AwareDateTime):
    """A date as the API writes it ("…Z"), or with another offset, or without one (then UTC),
    read as naive UTC, as the database stores dates; one that UTC cannot hold is not valid."""

    def __init__(self, **kwargs):
        super().__init__(default_timezone=timezone.utc, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(timezone.utc).replace(tzinfo=None)
        except OverflowError:  # "0001-01-01T00:00:00+01:00" is in year 0 in UTC
            raise self.make_error("invalid") from None


class PhaseInput(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(PHASE_KINDS))
    starts_at = UtcDateTime(required=True)
    ends_at = UtcDateTime(load_default=None, allow_none=True,
                          metadata={"description": "required, except for a results phase: the results then stay"})


TEXT = ("French required; English optional (pages show the French where it is missing). "
        "A language left out keeps its text: {\"en\": \"…\"} changes the English only, {\"en\": \"\"} removes it")


class ConsultationPatch(Schema):
    title = fields.Nested(Bilingual, metadata={"description": TEXT})
    summary = fields.Nested(Bilingual, metadata={"description": TEXT})
    description = fields.Nested(Bilingual, metadata={"description": f"Markdown. {TEXT}"})
    themes = fields.List(fields.String(validate=validate.OneOf(THEMES)))
    phases = fields.List(fields.Nested(PhaseInput), validate=validate.Length(max=4))
    categories = fields.List(fields.Nested(Bilingual), validate=validate.Length(max=services.MAX_CATEGORIES))
    participation = fields.String(validate=validate.OneOf(PARTICIPATION))
    moderation = fields.String(validate=validate.OneOf(MODERATION))
    premoderate_comments = fields.Boolean()
    comments_enabled = fields.Boolean()
    supports_during_proposals = fields.Boolean()
    vote_mode = fields.String(validate=validate.OneOf(VOTE_MODES))
    max_proposals_per_person = fields.Integer(validate=COUNT)
    max_votes = fields.Integer(validate=COUNT)
    support_threshold = fields.Integer(validate=COUNT)
    status = fields.String(validate=validate.OneOf(("draft", "published", "archived")))
    remove_used_categories = fields.Boolean(load_default=False, metadata={"description": (
        "true confirms removing the categories that proposals use (their proposals then have none); "
        "without it, `categories` that would remove one of them are refused (422)")})


class ConsultationInput(ConsultationPatch):
    territory = fields.String(required=True, metadata={"description": "territory slug"})
    title = fields.Nested(Bilingual, required=True, metadata={"description": TEXT})
    summary = fields.Nested(Bilingual, required=True, metadata={"description": TEXT})
    description = fields.Nested(Bilingual, required=True, metadata={"description": f"Markdown. {TEXT}"})


STATUS_ACTIONS = {"published": "publish", "archived": "archive", "draft": "draft"}


def _where(place, data):
    """Where a refusal of the services points in the request: ("title", "en"), ("categories",),
    ("phases", "_schema"), or ("phases", index in the request's list, "starts_at" or "ends_at");
    the whole list when the phase refused is not in it (a phase that may no longer be removed)."""
    if place[0] != "phases":
        return place
    indexes = [i for i, phase in enumerate(data.get("phases", ())) if len(place) == 3 and phase["kind"] == place[1]]
    if not indexes:
        return ("phases", "_schema")
    return ("phases", str(max(indexes)), place[2])


def _said(message):
    """A refusal of the services as the API says it: removing categories in use says how to confirm."""
    if not isinstance(message, InUse):
        return message
    return _("These categories would be removed, and their proposals would lose their category: %(categories)s. "
             "To remove them anyway, send \"remove_used_categories\": true with the categories. To rename a "
             "category instead, give its new name at its place in the list, without moving, adding or removing "
             "categories.", categories=message.listed)


def _save(consultation, data):
    """Change the consultation as the services do for the back office; their refusals are 422s,
    by field of the request, nested as marshmallow nests its own."""
    status = data.pop("status", None)
    confirmed = data.pop("remove_used_categories", False)
    refusal = status and services.status_refusal(consultation, STATUS_ACTIONS[status])
    if refusal:
        invalid({"status": refusal})
    for name in services.TEXT_FIELDS:
        if name in data:  # a language left out keeps its text (the services store what they are given)
            data[name] = {**(getattr(consultation, name) or {}), **data[name]}
    try:
        services.update_consultation(consultation, data, remove_used_categories=confirmed)
    except services.InvalidValues as refused:
        errors = {}
        for place, message in refused.errors.items():
            *path, last = _where(place, data)
            node = errors
            for key in path:
                node = node.setdefault(key, {})
            node.setdefault(last, []).append(_said(message))
        invalid(errors)
    if status:
        services.change_status(consultation, STATUS_ACTIONS[status], actor=current_user)
    return consultation


@blp.route("")
class ConsultationCreate(MethodView):
    @blp.arguments(ConsultationInput)
    @blp.response(201, ConsultationDetailSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, data):
        """Create a consultation (a draft unless `status` says otherwise)."""
        user = require_write()
        territory = named(data.pop("territory"))
        if territory is None:
            invalid({"territory": _("There is no territory with this name.")})
        if not permissions.can_create_consultation(user, territory):
            fail(403, _("Only the territory's administrators may open a consultation."))
        consultation = services.create_consultation(territory, user)
        return serializers.consultation(_save(consultation, data), utcnow(), details=True)


@blp.route("/<int:consultation_id>")
class ConsultationUpdate(MethodView):
    @blp.arguments(ConsultationPatch)
    @blp.response(200, ConsultationDetailSchema)
    @blp.doc(security=[{"bearer": []}])
    def patch(self, data, consultation_id):
        """Change a consultation's texts, timeline, settings or status."""
        user = require_write()
        consultation = get_visible(consultation_id)
        if not permissions.can_edit_consultation(user, consultation):
            fail(403, _("Only the territory's administrators may change this consultation."))
        return serializers.consultation(_save(consultation, data), utcnow(), details=True)
