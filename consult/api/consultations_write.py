"""POST /consultations and PATCH /consultations/{id}: territory admins run their consultations."""
import marshmallow as ma
from flask.views import MethodView
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import fields, validate

from .. import permissions
from ..consultations import services
from ..consultations.models import MODERATION, PARTICIPATION, THEMES, VOTE_MODES, Consultation
from ..core.errors import fail
from ..database import utcnow
from ..extensions import db
from ..phases import PHASE_KINDS, phase_errors
from ..territories.services import get_by_slug
from . import serializers
from .auth import authenticate, require_write
from .common import invalid
from .consultations import ConsultationSchema, get_visible

blp = Blueprint("api_consultations_write", __name__, url_prefix="/api/v1/consultations",
                description="Creating and running consultations (territory admins).")
blp.before_request(authenticate)

COUNT = validate.Range(min=0, max=100_000)


class Bilingual(ma.Schema):
    fr = fields.String(validate=validate.Length(max=20_000))
    en = fields.String(validate=validate.Length(max=20_000))


class PhaseInput(ma.Schema):
    kind = fields.String(required=True, validate=validate.OneOf(PHASE_KINDS))
    starts_at = fields.NaiveDateTime(required=True, metadata={"description": "UTC"})
    ends_at = fields.NaiveDateTime(required=True, metadata={"description": "UTC"})


class ConsultationPatch(ma.Schema):
    title = fields.Nested(Bilingual)
    summary = fields.Nested(Bilingual)
    description = fields.Nested(Bilingual, metadata={"description": "Markdown"})
    themes = fields.List(fields.String(validate=validate.OneOf(THEMES)))
    phases = fields.List(fields.Nested(PhaseInput), validate=validate.Length(max=4))
    categories = fields.List(fields.Nested(Bilingual), validate=validate.Length(max=50))
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


class ConsultationInput(ConsultationPatch):
    territory = fields.String(required=True, metadata={"description": "territory slug"})
    title = fields.Nested(Bilingual, required=True)


SETTINGS = ("participation", "moderation", "premoderate_comments", "comments_enabled", "supports_during_proposals",
            "vote_mode", "max_proposals_per_person", "max_votes", "support_threshold")
STATUS_ACTIONS = {"published": "publish", "archived": "archive", "draft": "draft"}


def _texts(value):
    return {k: v.strip() for k, v in (value or {}).items() if v and v.strip()}


def _apply(consultation, data):
    errors = {}
    for name in ("title", "summary", "description"):
        if name in data:
            text = _texts(data[name])
            if name == "title" and not text.get("fr"):
                errors["title"] = _("The French title is required.")
            setattr(consultation, name, text)
    if "phases" in data:
        dates = {}
        for phase in data["phases"]:
            if phase["kind"] in dates:
                errors["phases"] = _("Each phase may appear once.")
            dates[phase["kind"]] = (phase["starts_at"], phase["ends_at"])
        problems = phase_errors(dates)
        if problems:
            errors["phases"] = "; ".join(problems.values())
        else:
            services.set_phases(consultation, [(k, s, e) for k, (s, e) in dates.items()])
    if "categories" in data:
        names = [_texts(c) for c in data["categories"]]
        if any(not n.get("fr") for n in names):
            errors["categories"] = _("Each category needs a French name.")
        else:
            services.set_categories(consultation, names)
    if "themes" in data:
        consultation.themes = list(dict.fromkeys(data["themes"]))
    for name in SETTINGS:
        if name in data:
            setattr(consultation, name, data[name])
    if errors:
        invalid(errors)
    services.refresh_search_text(consultation)
    if data.get("status"):
        services.change_status(consultation, STATUS_ACTIONS[data["status"]], actor=current_user)
    db.session.flush()
    return consultation


@blp.route("")
class ConsultationCreate(MethodView):
    @blp.arguments(ConsultationInput)
    @blp.response(201, ConsultationSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, data):
        """Create a consultation (a draft unless `status` says otherwise)."""
        user = require_write()
        territory = get_by_slug(data.pop("territory"))
        if territory is None:
            invalid({"territory": _("There is no territory with this name.")})
        if not permissions.can_create_consultation(user, territory):
            fail(403, _("Only the territory's administrators may open a consultation."))
        consultation = Consultation(territory=territory, created_by_id=user.id, title={"fr": ""}, status="draft")
        db.session.add(consultation)
        return serializers.consultation(_apply(consultation, data), utcnow())


@blp.route("/<int:consultation_id>")
class ConsultationUpdate(MethodView):
    @blp.arguments(ConsultationPatch)
    @blp.response(200, ConsultationSchema)
    @blp.doc(security=[{"bearer": []}])
    def patch(self, data, consultation_id):
        """Change a consultation's texts, timeline, settings or status."""
        user = require_write()
        consultation = get_visible(consultation_id)
        if not permissions.can_edit_consultation(user, consultation):
            fail(403, _("Only the territory's administrators may change this consultation."))
        return serializers.consultation(_apply(consultation, data), utcnow())
