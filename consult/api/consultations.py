"""GET /consultations, GET /consultations/{id} (writes: see consultations_write)."""
from flask import abort
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import fields, validate

from .. import permissions
from ..consultations.models import MODERATION, PARTICIPATION, THEMES, VOTE_MODES
from ..consultations.documents import documents_of
from ..consultations.news import news_query
from ..consultations.listing import get_with_details, listing_query
from ..database import utcnow
from . import serializers
from .common import PageArgs, page_of, paginate
from .schema import Schema

blp = Blueprint("Consultations", __name__, url_prefix="/api/v1/consultations",
                description="Consultations and their phases.")


class PhaseSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(("information", "proposals", "vote", "results")))
    starts_at = fields.String(required=True)
    ends_at = fields.String(required=True, allow_none=True,
                            metadata={"description": "null: a results phase without an end (the results stay)"})


class ConsultationSchema(Schema):
    id = fields.Integer(required=True)
    territory = fields.String(required=True, metadata={"description": "territory slug"})
    status = fields.String(required=True)
    title = fields.String(required=True, metadata={"description": "in the request's language"})
    summary = fields.String()
    description = fields.String(metadata={"description": "Markdown"})
    texts = fields.Dict(metadata={"description": 'bilingual texts: {"title": {"fr": …, "en": …}, …}'})
    themes = fields.List(fields.String())
    phase = fields.String(allow_none=True, metadata={"description": "the phase open now, if any"})
    phase_state = fields.String(validate=validate.OneOf(("upcoming", "open", "closed")))
    phases = fields.List(fields.Nested(PhaseSchema))
    participation = fields.String(validate=validate.OneOf(PARTICIPATION), metadata={
        "description": "who may take part: any confirmed account, or the residents verified for the territory"})
    moderation = fields.String(validate=validate.OneOf(MODERATION),
                               metadata={"description": "proposals reviewed after or before publication"})
    premoderate_comments = fields.Boolean(metadata={"description": "comments reviewed before publication"})
    comments_enabled = fields.Boolean()
    supports_during_proposals = fields.Boolean(metadata={"description": "supports open during the proposals phase"})
    vote_mode = fields.String(required=True, validate=validate.OneOf(VOTE_MODES))
    max_votes = fields.Integer(required=True, metadata={"description": "0 = no limit"})
    max_proposals_per_person = fields.Integer(metadata={"description": "0 = no limit"})
    support_threshold = fields.Integer(metadata={"description": "0 = none"})
    created_at = fields.String()
    published_at = fields.String(allow_none=True)


class CategorySchema(Schema):
    id = fields.Integer(required=True, metadata={"description": "the category_id of a proposal"})
    name = fields.String(required=True, metadata={"description": "in the request's language"})
    names = fields.Dict(required=True, metadata={"description": 'bilingual name: {"fr": …, "en": …}'})


class ConsultationDetailSchema(ConsultationSchema):
    """One consultation: its categories too, in their order (the order PATCH `categories` follows)."""

    categories = fields.List(fields.Nested(CategorySchema), required=True)


class ConsultationFilters(PageArgs):
    territory = fields.String(metadata={"description": "territory slug"})
    theme = fields.String(validate=validate.OneOf(THEMES))
    phase = fields.String(validate=validate.OneOf(("open", "upcoming", "closed")))
    q = fields.String(validate=validate.Length(max=200))


ConsultationPage = page_of(ConsultationSchema, "ConsultationPage")


class NewsSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True, metadata={"description": "in the request's language"})
    body = fields.String(required=True, metadata={"description": "Markdown, in the request's language"})
    texts = fields.Dict(metadata={"description": 'bilingual texts: {"title": {"fr": …, "en": …}, "body": …}'})
    published_at = fields.String(required=True)
    edited_at = fields.String(allow_none=True)


NewsPage = page_of(NewsSchema, "NewsPage")


class DocumentSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True, metadata={"description": "in the request's language"})
    titles = fields.Dict(metadata={"description": 'bilingual title: {"fr": …, "en": …}'})
    format = fields.String(required=True, validate=validate.OneOf(["pdf", "odt", "ods", "odp"]))
    size = fields.Integer(required=True, metadata={"description": "in bytes"})
    url = fields.String(required=True, metadata={"description": "where to download it"})
    created_at = fields.String(required=True)


def get_visible(consultation_id):
    consultation = get_with_details(consultation_id)
    if consultation is None or not permissions.can_view_consultation(current_user, consultation):
        abort(404)
    return consultation


@blp.route("")
class Consultations(MethodView):
    @blp.arguments(ConsultationFilters, location="query")
    @blp.response(200, ConsultationPage)
    def get(self, args):
        """Published and archived consultations, newest first, with filters."""
        now = utcnow()
        stmt = listing_query(territory=args.get("territory"), theme=args.get("theme"),
                             phase=args.get("phase"), q=args.get("q"), now=now)
        return paginate(stmt, args, lambda c: serializers.consultation(c, now))


@blp.route("/<int:consultation_id>")
class ConsultationItem(MethodView):
    @blp.response(200, ConsultationDetailSchema)
    def get(self, consultation_id):
        """One consultation with its categories (drafts only for their territory's staff)."""
        return serializers.consultation(get_visible(consultation_id), utcnow(), details=True)


@blp.route("/<int:consultation_id>/news")
class ConsultationNewsList(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, NewsPage)
    def get(self, args, consultation_id):
        """The consultation's news, newest first."""
        return paginate(news_query(get_visible(consultation_id).id), args, serializers.news)


@blp.route("/<int:consultation_id>/documents")
class ConsultationDocumentList(MethodView):
    @blp.response(200, DocumentSchema(many=True))
    def get(self, consultation_id):
        """The consultation's documents (PDF, OpenDocument), in the order they were attached."""
        return [serializers.document(d) for d in documents_of(get_visible(consultation_id).id)]
