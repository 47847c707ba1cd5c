"""PUT / DELETE /proposals/{id}/vote: one vote per person and proposal."""
from flask import abort
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from .. import permissions
from ..core.errors import fail
from ..database import utcnow
from ..extensions import db
from ..proposals.models import Proposal
from ..votes import services
from ..votes.views import refusal_message
from .auth import require_write
from .common import invalid
from .proposals import visible_proposal
from .schema import Schema

blp = Blueprint("Votes", __name__, url_prefix="/api/v1/proposals",
                description="Votes: support, or for / against / abstain.")


class VoteInput(Schema):
    value = fields.Integer(required=True, validate=validate.OneOf((1, -1, 0)),
                           metadata={"description": "1 support or for, -1 against, 0 abstain"})


class VoteResult(Schema):
    proposal_id = fields.Integer(required=True)
    value = fields.Integer(allow_none=True, metadata={"description": "my vote now, null when withdrawn"})
    votes = fields.Dict(required=True, allow_none=True, metadata={
        "description": '{"for", "against", "abstain"}; null for a proposal moderation no longer shows you '
                       '(a vote taken back from it)'})
    votes_left = fields.Integer(allow_none=True, metadata={"description": "null when there is no limit"})


def _result(user, proposal, value, outcome):
    votes = None
    if permissions.can_view_proposal(user, proposal):
        votes = {"for": proposal.votes_for, "against": proposal.votes_against, "abstain": proposal.votes_abstain}
    return {"proposal_id": proposal.id, "value": value, "votes": votes, "votes_left": outcome.left}


@blp.route("/<int:proposal_id>/vote")
class VoteItem(MethodView):
    @blp.arguments(VoteInput)
    @blp.response(200, VoteResult)
    @blp.doc(security=[{"bearer": []}])
    def put(self, data, proposal_id):
        """Vote, or change one's vote (for / against / abstain mode). The same vote again is
        answered as the first one was (a client may repeat a request whose answer it lost)."""
        user = require_write()
        proposal = visible_proposal(proposal_id)
        now = utcnow()
        try:
            outcome = services.cast_vote(user, proposal, data["value"], now)
        except services.VoteError as error:
            if error.reason == "invalid_value":
                invalid({"value": refusal_message(error, proposal)})
            fail(error.code, refusal_message(error, proposal))
        return _result(user, proposal, data["value"], outcome)

    @blp.response(200, VoteResult)
    @blp.doc(security=[{"bearer": []}])
    def delete(self, proposal_id):
        """Withdraw one's vote, also on a proposal withdrawn, hidden or rejected since (the vote
        then stops counting against the consultation's limit). 404 when there is no vote to withdraw."""
        user = require_write()
        proposal = db.session.get(Proposal, proposal_id)
        if proposal is None or not permissions.can_reach_vote(user, proposal,
                                                              lambda: services.has_voted(user, proposal_id)):
            abort(404)
        now = utcnow()
        try:
            outcome = services.withdraw_vote(user, proposal, now)
        except services.VoteError as error:  # no vote to withdraw: the vote is not found
            fail(404 if error.reason == "no_vote" else error.code, refusal_message(error, proposal))
        return _result(user, proposal, None, outcome)
