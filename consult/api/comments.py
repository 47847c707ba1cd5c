"""GET / POST /proposals/{id}/comments: the threaded debate."""
from flask.views import MethodView
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import fields, validate

from .. import permissions
from ..comments import services
from ..comments.forms import BODY_MAX, BODY_MIN
from ..comments.models import STANCES, Comment
from ..core.errors import fail
from ..core.ratelimits import counts_as_post
from ..database import utcnow
from ..extensions import db
from ..i18n import current_locale
from ..moderation.services import hidden_reasons, reason_label
from ..proposals.refusals import comment_refusal_message
from ..text import strip
from .auth import require_write
from .common import PageArgs, invalid, iso, page_of, paginate
from .proposals import visible_proposal
from .schema import Schema

blp = Blueprint("Comments", __name__, url_prefix="/api/v1/proposals",
                description="Comments on proposals, threaded up to three levels.")


class CommentSchema(Schema):
    id = fields.Integer(required=True)
    proposal_id = fields.Integer(required=True)
    parent_id = fields.Integer(allow_none=True)
    depth = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"description": (
        "published, pending or rejected (these two for their author and the moderators only), deleted (the same, "
        "when deleted before it was published), hidden, or unavailable: a comment the caller may not read, "
        "listed in its place for its replies")})
    body = fields.String(allow_none=True, metadata={"description": "null when deleted, hidden or unavailable"})
    placeholder = fields.String(allow_none=True)
    stance = fields.String(allow_none=True)
    author = fields.Dict(allow_none=True)
    created_at = fields.String(required=True)
    edited_at = fields.String(allow_none=True)


class CommentInput(Schema):
    body = fields.String(required=True, validate=validate.Length(BODY_MIN, BODY_MAX))
    stance = fields.String(allow_none=True, validate=validate.OneOf(STANCES))
    parent_id = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=2**31 - 1))


CommentPage = page_of(CommentSchema, "CommentPage")


def serialize(c, reasons=None, unavailable=False):
    """`unavailable`: a comment the caller may not read, listed for its replies (as on the site,
    in its place, without its status or text)."""
    if unavailable:
        return {"id": c.id, "proposal_id": c.proposal_id, "parent_id": c.parent_id, "depth": c.depth,
                "status": "unavailable", "body": None, "placeholder": _("This comment is not available."),
                "stance": None, "author": None, "created_at": iso(c.created_at), "edited_at": None}
    shown = c.status in ("published", "pending")
    placeholder = None
    if c.status == "deleted":
        placeholder = _("Deleted by its author")
    elif c.status in ("hidden", "rejected"):
        placeholder = _("Hidden by moderation — reason: %(reason)s",
                        reason=(reasons or {}).get(c.id) or reason_label(None))
    return {"id": c.id, "proposal_id": c.proposal_id, "parent_id": c.parent_id, "depth": c.depth,
            "status": c.status, "body": c.body if shown else None, "placeholder": placeholder,
            "stance": c.stance if shown else None, "author": {"display_name": c.author.display_name} if shown else None,
            "created_at": iso(c.created_at), "edited_at": iso(c.edited_at)}


def _seen(comment, territory_id):
    """The condition of a comment (or an alias of it) that the caller reads, as on the site."""
    return permissions.comments_seen_by(current_user, territory_id, comment)


def _with_replies_seen(territory_id):
    """A comment with replies the caller reads (threads are 3 deep: a reply, or a reply's reply):
    held, it stands in their thread as unavailable."""
    child, grandchild = db.aliased(Comment), db.aliased(Comment)
    return db.or_(db.exists().where(child.parent_id == Comment.id, _seen(child, territory_id)),
                  db.exists().where(child.parent_id == Comment.id, grandchild.parent_id == child.id,
                                    _seen(grandchild, territory_id)))


@blp.route("/<int:proposal_id>/comments")
class ProposalComments(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, CommentPage)
    def get(self, args, proposal_id):
        """Comments in thread order of creation; pending and rejected ones (and those deleted before they
        were published) only for their author and the moderators, as on the proposal's page."""
        proposal = visible_proposal(proposal_id)
        territory_id = proposal.consultation.territory_id
        stmt = db.select(Comment).where(Comment.proposal_id == proposal.id)
        if not permissions.is_moderator(current_user, territory_id):
            stmt = stmt.where(db.or_(_seen(Comment, territory_id), _with_replies_seen(territory_id)))
        stmt = stmt.options(db.joinedload(Comment.author)).order_by(Comment.created_at, Comment.id)
        page = paginate(stmt, args, lambda c: c)
        reasons = hidden_reasons("comment", [c.id for c in page["items"] if c.status in ("hidden", "rejected")])
        page["items"] = [serialize(c, reasons, unavailable=not permissions.can_view_comment(
            current_user, c, territory_id)) for c in page["items"]]
        return page

    @counts_as_post
    @blp.arguments(CommentInput)
    @blp.response(201, CommentSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, data, proposal_id):
        """Comment on a proposal, or reply to a comment (`parent_id`).

        The same comment posted again by the same person within two minutes (the same text in the
        same place, not deleted: a request repeated when its answer was lost) is not posted twice:
        the answer is the first one's, 201 with the comment already posted."""
        user = require_write()
        proposal = visible_proposal(proposal_id)
        refusal = permissions.comment_refusal(user, proposal, utcnow())
        if refusal:  # said as on the site
            fail(403, comment_refusal_message(refusal))
        body = strip(data["body"])
        if len(body) < BODY_MIN:
            invalid({"body": _("Your comment is too short: write at least %(min)s characters.", min=BODY_MIN)})
        try:
            parent = services.find_parent(proposal, data.get("parent_id"), user)
        except LookupError:
            invalid({"parent_id": _("This comment does not exist on this proposal.")})
        except services.ThreadError as error:
            invalid({"parent_id": _("You cannot reply to this comment: replies go three levels deep at most.")
                     if str(error) == "depth" else _("This comment can no longer receive replies.")})
        comment = services.post_comment(proposal, user, body, data.get("stance"), parent,
                                        language=current_locale())  # the request's, as on the site
        return serialize(comment)
