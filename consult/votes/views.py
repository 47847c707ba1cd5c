"""Casting and withdrawing votes (plain forms, or in place with JavaScript), and results."""

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from .. import permissions
from ..core.errors import render_error
from ..core.flashes import flash_at
from ..core.urls import safe_next
from ..database import reads_then_writes, utcnow, write_transaction
from ..extensions import login
from ..proposals.refusals import take_part_message
from . import bp
from .boxes import UNSET, at_box, vote_box, vote_labels
from .results import is_eligible
from .services import VoteError, cast_vote, has_voted, my_votes, withdraw_vote
from .targets import load_vote_target


bp.add_app_template_global(vote_labels, "vote_labels")
bp.add_app_template_global(is_eligible, "is_eligible")


def wants_fragment(proposal):
    """Answer with the vote box, in place? Not for a proposal moderation took away from this
    person (taking a vote back): the box would show its counts."""
    return request.headers.get("X-Requested-With") == "fetch" and permissions.can_view_proposal(current_user, proposal)


def _load_target(id, withdrawing=False):
    """The proposal, if this person sees it, or (to take a vote back) voted on it."""
    target = load_vote_target(id)
    if target is None or not permissions.can_reach_vote(current_user, target,
                                                        lambda: withdrawing and has_voted(current_user, id)):
        abort(404)
    return target


_REFUSALS = {  # why permissions.vote_refusal (or vote_withdrawal_refusal) says no
    "sign_in": _l("Please sign in to vote."),
    "proposal_closed": _l("This proposal is no longer open to votes."),
    "phase_closed": _l("Voting is not open in this consultation right now."),
    "not_resident": _l("Only people with a confirmed, active account may vote. Confirm your email address first."),
    "not_allowed": _l("You are not allowed to vote in this consultation."),
}


def refusal_message(error, proposal):
    consultation = proposal.consultation
    if error.reason == "invalid_value":
        return _("This choice is not available in this consultation.")
    if error.reason == "already_voted" and consultation.vote_mode == "support":
        return _("You already support this proposal. Your support counts once.")
    if error.reason == "already_voted":
        return _("You have already voted on this proposal. Your vote counts once.")
    if error.reason == "no_vote":
        return _("You have not voted on this proposal, so there is nothing to withdraw.")
    if error.reason == "over_limit" and consultation.vote_mode == "support":
        return ngettext("You have used your only support in this consultation. Withdraw it to support "
                        "another proposal.",
                        "You have used all your %(num)s supports in this consultation. Withdraw one of them to "
                        "support another proposal.", consultation.max_votes)
    if error.reason == "over_limit":
        return ngettext("You have used your only vote in this consultation. Withdraw it to vote for "
                        "another proposal.",
                        "You have used all your %(num)s votes in this consultation. Withdraw one of them to "
                        "vote for another proposal.", consultation.max_votes)
    if error.reason in ("blocked", "not_verified"):
        return take_part_message(error.reason)
    return str(_REFUSALS.get(error.reason, _REFUSALS["not_allowed"]))


_SUCCESS = {
    ("created", True): _l("Your support is recorded."),
    ("created", False): _l("Your vote is recorded."),
    ("changed", False): _l("Your vote is changed."),
    ("withdrawn", True): _l("Your support is withdrawn."),
    ("withdrawn", False): _l("Your vote is withdrawn."),
}


def success_message(outcome, proposal):
    support = proposal.consultation.vote_mode == "support"
    text = str(_SUCCESS.get((outcome.kind, support), _SUCCESS[("created", False)]))
    if outcome.left is not None and support:
        text += " " + ngettext("You have %(num)s support left.", "You have %(num)s supports left.", outcome.left)
    elif outcome.left is not None:
        text += " " + ngettext("You have %(num)s vote left.", "You have %(num)s votes left.", outcome.left)
    return text


def _vote_box(proposal, message, back, status=200, left=UNSET, my_vote=UNSET):
    """The re-rendered vote box; `left` and `my_vote` are looked up unless already known."""
    if my_vote is UNSET:
        my_vote = my_votes(current_user, [proposal.id]).get(proposal.id)
    return vote_box(proposal.consultation, proposal, my_vote, back=back, message=message, left=left), status


def _answer(proposal, action, value=None):
    """Run the vote or the withdrawal; answer with the vote box (JavaScript) or a redirect."""
    now = utcnow()
    back = safe_next(request.form.get("next") or request.args.get("next"),
                     url_for("proposals.show", id=proposal.id))
    try:
        with write_transaction():
            outcome = action(now)
            if outcome.kind == "unchanged":  # the same vote again: a person is told it counts once
                raise VoteError("already_voted", 409)
    except VoteError as error:
        message = refusal_message(error, proposal)
        if wants_fragment(proposal):
            return _vote_box(proposal, message, back, error.code)
        if error.reason == "sign_in":  # signed out meanwhile (in another tab): as any form, to sign in and back
            return login.unauthorized()
        return render_error(error.code, message, back=at_box(back, proposal.id))
    message = success_message(outcome, proposal)
    if wants_fragment(proposal):
        mine = None if outcome.kind == "withdrawn" else int(value)
        return _vote_box(proposal, message, back, left=outcome.left, my_vote=mine)
    landing = at_box(back, proposal.id)
    flash_at(landing, message)  # shown in the vote box, where the page lands
    return redirect(landing)


# The forms are plain: the CSRF token is checked for every POST by CSRFProtect, the value
# against the consultation's mode by the service.

@bp.post("/proposals/<int:id>/vote")
@reads_then_writes
def vote(id):
    proposal = _load_target(id)
    value = request.form.get("value")
    return _answer(proposal, lambda now: cast_vote(current_user, proposal, value, now), value)


@bp.post("/proposals/<int:id>/vote/delete")
@reads_then_writes
def withdraw(id):
    proposal = _load_target(id, withdrawing=True)
    return _answer(proposal, lambda now: withdraw_vote(current_user, proposal, now))


from . import results_views  # noqa: E402,F401
