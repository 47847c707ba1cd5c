"""Casting and withdrawing votes, exactly, under any concurrency.

The order of operations is what makes parallel requests exact:

1. the person's Participation row for the consultation is created if missing, then locked
   by a conditional UPDATE (`votes_used = votes_used + 1 WHERE … AND (max = 0 OR
   votes_used < max)`): on PostgreSQL the row lock serialises one person's requests, on
   SQLite every write request already holds the database lock (BEGIN IMMEDIATE);
2. only then is an existing vote looked for, and the new vote inserted inside a savepoint
   (the unique constraint on (user, proposal) is the last line of defence);
3. the counters on the proposal are changed by atomic `UPDATE … SET x = x + 1`.

Services add and flush; the request commits once.
"""
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from .. import permissions
from ..extensions import db
from ..proposals.models import Proposal
from .models import Participation, Vote

COUNTER = {1: "votes_for", -1: "votes_against", 0: "votes_abstain"}
MODE_VALUES = {"support": (1,), "for_against": (1, -1, 0)}


class VoteError(Exception):
    """A refused vote; `code` is the HTTP status, `reason` a machine-readable key."""

    def __init__(self, reason, code):
        super().__init__(reason)
        self.reason = reason
        self.code = code


# --- reading ---------------------------------------------------------------------------

def my_votes(user, proposal_ids):
    """{proposal_id: value} of this person's votes among `proposal_ids` (one query)."""
    ids = [i for i in set(proposal_ids or ()) if i is not None]
    if not ids or not permissions.is_signed_in(user):
        return {}
    rows = db.session.execute(
        select(Vote.proposal_id, Vote.value).where(Vote.user_id == user.id, Vote.proposal_id.in_(ids))
    )
    return {pid: value for pid, value in rows}


def votes_used(user, consultation):
    if not permissions.is_signed_in(user):
        return 0
    used = db.session.scalar(
        select(Participation.votes_used).where(
            Participation.user_id == user.id, Participation.consultation_id == consultation.id
        )
    )
    return used or 0


def votes_left(user, consultation):
    """Votes this person may still cast in the consultation, or None when there is no limit."""
    limit = consultation.max_votes or 0
    if limit <= 0:
        return None
    return max(limit - votes_used(user, consultation), 0)


# --- writing ---------------------------------------------------------------------------

def allowed_values(consultation):
    return MODE_VALUES.get(consultation.vote_mode, (1,))


def _bump_counter(proposal_id, value, delta):
    column = getattr(Proposal, COUNTER[value])
    db.session.execute(
        update(Proposal).where(Proposal.id == proposal_id).values({column: column + delta})
        .execution_options(synchronize_session=False)
    )


def _lock_or_create_participation(user_id, consultation_id):
    """Lock the person's Participation row, creating it first when it is missing."""
    if _lock_participation(user_id, consultation_id):
        return
    try:
        with db.session.begin_nested():
            db.session.add(Participation(user_id=user_id, consultation_id=consultation_id, votes_used=0))
    except IntegrityError:
        pass  # created by a parallel request: fine, lock it below
    _lock_participation(user_id, consultation_id)


def _take_vote(user_id, consultation):
    """Use one of the person's votes; lock their Participation row. False when over the limit."""
    limit = consultation.max_votes or 0
    conditions = [Participation.user_id == user_id, Participation.consultation_id == consultation.id]
    if limit > 0:
        conditions.append(Participation.votes_used < limit)
    result = db.session.execute(
        update(Participation).where(*conditions)
        .values(votes_used=Participation.votes_used + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _give_back_vote(user_id, consultation_id):
    db.session.execute(
        update(Participation)
        .where(Participation.user_id == user_id, Participation.consultation_id == consultation_id,
               Participation.votes_used > 0)
        .values(votes_used=Participation.votes_used - 1)
        .execution_options(synchronize_session=False)
    )


def _lock_participation(user_id, consultation_id):
    """Take the row lock without changing anything; False when the row does not exist."""
    result = db.session.execute(
        update(Participation)
        .where(Participation.user_id == user_id, Participation.consultation_id == consultation_id)
        .values(votes_used=Participation.votes_used)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _existing_vote(user_id, proposal_id):
    return db.session.execute(
        select(Vote.id, Vote.value).where(Vote.user_id == user_id, Vote.proposal_id == proposal_id)
    ).first()


def cast_vote(user, proposal, value, now):
    """Record (or change) this person's vote; returns 'created', 'changed' or raises VoteError."""
    consultation = proposal.consultation
    if not permissions.can_vote(user, proposal, now):
        raise VoteError("not_allowed", 403)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise VoteError("invalid_value", 422) from None
    if value not in allowed_values(consultation):
        raise VoteError("invalid_value", 422)

    _lock_or_create_participation(user.id, consultation.id)
    existing = _existing_vote(user.id, proposal.id)
    if existing is not None:
        if consultation.vote_mode != "for_against" or existing.value == value:
            raise VoteError("already_voted", 409)
        db.session.execute(
            update(Vote).where(Vote.id == existing.id).values(value=value, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        _bump_counter(proposal.id, existing.value, -1)
        _bump_counter(proposal.id, value, +1)
        _after_vote(user, proposal)
        return "changed"

    if not _take_vote(user.id, consultation):
        raise VoteError("over_limit", 409)
    try:
        with db.session.begin_nested():
            db.session.add(Vote(user_id=user.id, proposal_id=proposal.id, consultation_id=consultation.id,
                                value=value, created_at=now, updated_at=now))
    except IntegrityError:
        raise VoteError("already_voted", 409) from None
    _bump_counter(proposal.id, value, +1)
    _after_vote(user, proposal, check_threshold=value == 1)
    return "created"


def withdraw_vote(user, proposal, now):
    """Remove this person's vote on the proposal; raises VoteError when there is none."""
    consultation = proposal.consultation
    if not permissions.can_vote(user, proposal, now):
        raise VoteError("not_allowed", 403)
    _lock_participation(user.id, consultation.id)
    existing = _existing_vote(user.id, proposal.id)
    if existing is None:
        raise VoteError("no_vote", 409)
    result = db.session.execute(db.delete(Vote).where(Vote.id == existing.id))
    if result.rowcount != 1:
        raise VoteError("no_vote", 409)
    _bump_counter(proposal.id, existing.value, -1)
    _give_back_vote(user.id, consultation.id)
    db.session.expire(proposal)
    return "withdrawn"


def _after_vote(user, proposal, check_threshold=False):
    """Refresh the counters, follow the proposal, announce a reached threshold."""
    db.session.expire(proposal)
    threshold = proposal.consultation.support_threshold or 0
    if check_threshold and threshold > 0 and proposal.votes_for == threshold:
        try:
            from ..notifications.events import threshold_reached
        except ImportError:  # pragma: no cover - provided by the notifications domain
            threshold_reached = None
        if threshold_reached is not None:
            threshold_reached(proposal)
    follow = _follow_function()
    if follow is not None:
        follow(user, "proposal", proposal.id)


def _follow_function():
    try:
        from ..notifications.services import follow
    except ImportError:  # pragma: no cover - provided by the notifications domain
        return None
    return follow


def vote_history(user, limit=200):
    """This person's own votes, newest first: [(vote value, proposal)] (one query)."""
    if not permissions.is_signed_in(user):
        return []
    from sqlalchemy.orm import joinedload

    rows = db.session.execute(
        select(Vote.value, Proposal).join(Proposal, Proposal.id == Vote.proposal_id)
        .where(Vote.user_id == user.id)
        .options(joinedload(Proposal.consultation))
        .order_by(Vote.created_at.desc(), Vote.id.desc()).limit(limit)
    ).all()
    return [(value, proposal) for value, proposal in rows]
