"""Proposals: list and post in a consultation, read, edit, withdraw, answer officially."""
from flask import abort
from flask.views import MethodView
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import fields, validate
from werkzeug.datastructures import MultiDict

from .. import permissions
from ..consultations.documents import documents_of
from ..core.errors import fail
from ..core.ratelimits import counts_as_post
from ..core.templating import number
from ..database import utcnow
from ..extensions import db
from ..i18n import current_locale
from ..proposals import services
from ..proposals.forms import BODY_MAX, BODY_MIN, TITLE_MAX, TITLE_MIN
from ..proposals.listing import SORTS, UNANSWERED, build_listing
from ..proposals.models import ANSWER_STATES, Proposal
from ..proposals.refusals import (NOT_ANSWERABLE, edit_refusal_message, refusal_message,
                                  withdraw_refusal_message)
from ..text import one_line, strip
from ..votes.results import latest_answers
from . import serializers
from .auth import require_write
from .common import PageArgs, envelope, invalid, page_of
from .consultations import DocumentSchema, get_visible
from .schema import Schema

blp = Blueprint("Proposals", __name__, url_prefix="/api/v1",
                description="Proposals of a consultation, their official answers.")


class VotesSchema(Schema):
    for_ = fields.Integer(data_key="for", attribute="for", required=True, metadata={"description": "supports count as for"})
    against = fields.Integer(required=True)
    abstain = fields.Integer(required=True)


class AnswerSchema(Schema):
    state = fields.String(validate=validate.OneOf(ANSWER_STATES), required=True)
    text = fields.String(required=True, metadata={"description": "public justification, request's language"})
    texts = fields.Dict(metadata={"description": '{"fr": …, "en": …}'})
    created_at = fields.String()
    document = fields.Nested(DocumentSchema, allow_none=True,
                             metadata={"description": "the consultation's document the answer rests on"})


class ProposalSchema(Schema):
    id = fields.Integer(required=True)
    consultation_id = fields.Integer(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True, metadata={"description": "Markdown"})
    language = fields.String()
    status = fields.String(required=True, validate=validate.OneOf(
        ("published", "pending", "hidden", "rejected", "withdrawn")))
    author = fields.Dict(required=True, metadata={"description": '{"display_name": …}'})
    category = fields.Dict(allow_none=True)
    address = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    votes = fields.Nested(VotesSchema, required=True)
    comments_count = fields.Integer(required=True)
    answer = fields.Nested(AnswerSchema, allow_none=True)
    created_at = fields.String(required=True)


class ProposalFilters(PageArgs):
    category = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    status = fields.String(validate=validate.OneOf(("published", "withdrawn", UNANSWERED, *ANSWER_STATES)), metadata={
        "description": "unanswered: published proposals without an official answer yet"})
    mine = fields.Boolean(load_default=False)
    sort = fields.String(load_default="newest", validate=validate.OneOf(tuple(SORTS)), metadata={
        "description": "supported: most votes for first (for minus against, in the for/against mode)"})
    seed = fields.Integer(load_default=1, validate=validate.Range(min=0, max=2**31 - 1),
                          metadata={"description": "seed of the random order"})
    q = fields.String(validate=validate.Length(max=200))


class ProposalInput(Schema):
    title = fields.String(required=True, validate=validate.Length(TITLE_MIN, TITLE_MAX))
    body = fields.String(required=True, validate=validate.Length(BODY_MIN, BODY_MAX))
    category_id = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=2**31 - 1))
    address = fields.String(allow_none=True, validate=validate.Length(max=255))
    latitude = fields.Float(allow_none=True, validate=validate.Range(-90, 90), allow_nan=False)
    longitude = fields.Float(allow_none=True, validate=validate.Range(-180, 180), allow_nan=False)


class ProposalPatch(ProposalInput):
    title = fields.String(validate=validate.Length(TITLE_MIN, TITLE_MAX))
    body = fields.String(validate=validate.Length(BODY_MIN, BODY_MAX))


class AnswerInput(Schema):
    state = fields.String(required=True, validate=validate.OneOf(ANSWER_STATES))
    text = fields.Dict(required=True, keys=fields.String(validate=validate.OneOf(("fr", "en"))),
                       values=fields.String(validate=validate.Length(max=10_000)),
                       metadata={"description": '{"fr": required, "en": optional}'})
    document_id = fields.Integer(load_default=None, allow_none=True,
                                 metadata={"description": "one of the consultation's documents the answer rests on"})


ProposalPage = page_of(ProposalSchema, "ProposalPage")


def visible_proposal(proposal_id):
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or not permissions.can_view_proposal(current_user, proposal):
        abort(404)
    return proposal


def _checked(consultation, data):
    """Cross-field rules of the form: a category of this consultation, both coordinates or none."""
    errors = {}
    ids = {c.id for c in consultation.categories}
    if ids and data.get("category_id") not in ids:
        errors["category_id"] = _("Please choose one of the categories of this consultation.")
    if not ids:
        data["category_id"] = None
    if (data.get("latitude") is None) != (data.get("longitude") is None):
        errors["latitude"] = _("Give both the latitude and the longitude, or neither.")
    for key, clean in (("title", one_line), ("body", strip), ("address", one_line)):  # as the site's form
        if isinstance(data.get(key), str):
            data[key] = clean(data[key])
    for key, (low, high) in {"title": (TITLE_MIN, TITLE_MAX), "body": (BODY_MIN, BODY_MAX)}.items():
        if key in data and not low <= len(data[key]) <= high:
            errors[key] = _("Between %(min)s and %(max)s characters.", min=number(low), max=number(high))
    if errors:
        invalid(errors)
    return data


def _edited(user, proposal, data):
    """The proposal changed by its author to `data` (all its fields), as it now is."""
    try:
        services.update_proposal(user, proposal, _checked(proposal.consultation, data))
    except services.NotEditable as refused:  # hidden by a moderator, or voted on, meanwhile
        fail(403, edit_refusal_message(refused.reason))
    return serializers.proposal(proposal)


@blp.route("/consultations/<int:consultation_id>/proposals")
class ConsultationProposals(MethodView):
    @blp.arguments(ProposalFilters, location="query")
    @blp.response(200, ProposalPage)
    def get(self, args, consultation_id):
        """Proposals of a consultation, with filters, search and sorts."""
        consultation = get_visible(consultation_id)
        # Said, not dropped as the site's form drops them: the whole list would come back.
        if "category" in args and args["category"] not in {category.id for category in consultation.categories}:
            invalid({"category": _("Please choose one of the categories of this consultation.")})
        if args["mine"] and not permissions.is_signed_in(current_user):
            abort(401)
        query = MultiDict({k: str(v) for k, v in args.items() if k not in ("mine", "seed", "per_page")})
        if args["mine"]:
            query["mine"] = "y"
        listing = build_listing(consultation, current_user, query, seed=args["seed"], per_page=args["per_page"])
        proposals = listing.proposals if listing.page == args["page"] else []
        answers = latest_answers([p.id for p in proposals if p.answer_state])
        items = [serializers.proposal(p, answers.get(p.id)) for p in proposals]
        return envelope(items, args, listing.total)

    @counts_as_post
    @blp.arguments(ProposalInput)
    @blp.response(201, ProposalSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, data, consultation_id):
        """Post a proposal (while the proposals phase is open).

        The same proposal posted again by the same person within two minutes (the same title and
        text, not withdrawn: a request repeated when its answer was lost) is not posted twice: the
        answer is the first one's, 201 with the proposal already posted. Posted again with another
        category or place, it corrects the first one instead, while that one may still be edited
        (as with PATCH)."""
        user = require_write()
        consultation = get_visible(consultation_id)
        repeated = services.repeated_proposal(consultation, user, one_line(data["title"]), strip(data["body"]))
        if repeated and services.same_choices(repeated, data.get("category_id"), data.get("address"),
                                              data.get("latitude"), data.get("longitude")):
            return serializers.proposal(repeated)
        if repeated and not permissions.edit_proposal_refusal(user, repeated, utcnow()):
            return _edited(user, repeated, data)
        count = services.proposals_count(user, consultation, posting=True)
        refusal = permissions.propose_refusal(user, consultation, utcnow(), count)
        if refusal:  # said as on the site
            fail(403, refusal_message(refusal, consultation))
        proposal = services.submit_proposal(consultation, user, _checked(consultation, data),
                                            language=current_locale())  # the request's, as on the site
        return serializers.proposal(proposal)


@blp.route("/proposals/<int:proposal_id>")
class ProposalItem(MethodView):
    @blp.response(200, ProposalSchema)
    def get(self, proposal_id):
        """One proposal (hidden ones only for their author and the moderators)."""
        return serializers.proposal(visible_proposal(proposal_id))

    @counts_as_post
    @blp.arguments(ProposalPatch)
    @blp.response(200, ProposalSchema)
    @blp.doc(security=[{"bearer": []}])
    def patch(self, data, proposal_id):
        """Edit one's proposal, while the proposals phase is open, until its first vote or comment."""
        user = require_write()
        proposal = visible_proposal(proposal_id)
        refusal = permissions.edit_proposal_refusal(user, proposal, utcnow())
        if refusal:  # said as on the site
            fail(403, edit_refusal_message(refusal))
        current = {"title": proposal.title, "body": proposal.body, "category_id": proposal.category_id,
                   "address": proposal.address, "latitude": proposal.latitude, "longitude": proposal.longitude}
        return _edited(user, proposal, {**current, **data})


@blp.route("/proposals/<int:proposal_id>/withdraw")
class ProposalWithdraw(MethodView):
    @blp.response(200, ProposalSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, proposal_id):
        """Withdraw one's proposal: it stays visible, marked, and takes no more votes. Not once the
        consultation is closed or its vote over: its results stay as they were."""
        user = require_write()
        proposal = visible_proposal(proposal_id)
        try:
            services.withdraw_proposal(user, proposal)  # withdrawn already: the same answer again
        except services.NotWithdrawable as refused:  # said as on the site
            fail(403, withdraw_refusal_message(refused.reason))
        return serializers.proposal(proposal)


@blp.route("/proposals/<int:proposal_id>/answer")
class ProposalAnswer(MethodView):
    @blp.arguments(AnswerInput)
    @blp.response(200, ProposalSchema)
    @blp.doc(security=[{"bearer": []}])
    def put(self, data, proposal_id):
        """Give the official answer (territory admin); earlier answers stay in the history. The
        current answer sent again (a request repeated when its answer was lost) changes nothing
        and tells nobody again."""
        user = require_write()
        proposal = visible_proposal(proposal_id)
        refusal = permissions.answer_refusal(user, proposal)
        if refusal == "not_allowed":
            fail(403, _("Only the territory's administrators may answer officially."))
        if refusal == "not_published":
            fail(409, str(NOT_ANSWERABLE))
        text_fr = (data["text"].get("fr") or "").strip()
        if not text_fr:
            invalid({"text": _("The French justification is required.")})
        text_en = (data["text"].get("en") or "").strip()
        document_id = data["document_id"]
        if document_id is not None and document_id not in {d.id for d in documents_of(proposal.consultation_id)}:
            invalid({"document_id": _("This is not one of the consultation's documents.")})
        if not services.is_current_answer(proposal, data["state"], text_fr, text_en, document_id):  # else repeated
            services.answer_proposal(proposal, user, data["state"], text_fr, text_en, document_id)
        return serializers.proposal(proposal)
