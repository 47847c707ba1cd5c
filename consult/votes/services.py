"""Casting and withdrawing votes, exactly, under any concurrency.

The order of operations is what makes parallel requests exact:

1. the person's Participation row for the consultation is locked first, by the conditional
   UPDATE that takes a vote (`votes_used = votes_used + 1 WHERE … AND votes_used < max`) or
   gives one back (created first if missing): on PostgreSQL the row lock serialises one
   person's requests, on SQLite every write request already holds the database lock
   (BEGIN IMMEDIATE);
2. only then is an existing vote looked for, and the new vote inserted (the unique
   constraint on (user, proposal) is the last line of defence);
3. the counters on the proposal are changed by one atomic `UPDATE … SET x = x + 1`, whose
   RETURNING refreshes the proposal in memory.

Services add and flush; the request commits once. A refusal (VoteError) may leave changes in
the transaction: the caller rolls back, as every 4xx answer does.
"""
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

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


COUNTER_NAMES = ("votes_for", "votes_against", "votes_abstain")


def _bump_counters(proposal, changes):
    """Apply {value: delta} to the proposal's counters in one atomic UPDATE, and set the new
    counts on `proposal` from RETURNING (no reload)."""
    values = {}
    for value, delta in changes.items():
        column = getattr(Proposal, COUNTER[value])
        values[column] = column + delta
    counts = db.session.execute(
        update(Proposal).where(Proposal.id == proposal.id).values(values)
        .returning(*(getattr(Proposal, name) for name in COUNTER_NAMES))
        .execution_options(synchronize_session=False)
    ).one()
    for name, count in zip(COUNTER_NAMES, counts):
        set_committed_value(proposal, name, count)
    db.session.expire(proposal, ["updated_at"])


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
    """Use one of the person's votes, which locks their Participation row. False when the row
    is missing or the limit is reached."""
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
    """Give one vote back, which locks the person's Participation row."""
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
    """Record (or change) this person's vote; returns 'created', 'changed' or raises VoteError.

    A refused vote may leave changes in the transaction: the caller rolls back (the request
    does so for any 4xx answer)."""
    consultation = proposal.consultation
    if not permissions.can_vote(user, proposal, now):
        raise VoteError("not_allowed", 403)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise VoteError("invalid_value", 422) from None
    if value not in allowed_values(consultation):
        raise VoteError("invalid_value", 422)

    # Usually one UPDATE both takes a vote and locks the row; when it fails (no row yet, or
    # no vote left), lock the row anyway: changing a for/against vote needs no vote left.
    taken = _take_vote(user.id, consultation)
    if not taken:
        _lock_or_create_participation(user.id, consultation.id)
    existing = _existing_vote(user.id, proposal.id)
    if existing is not None:
        if consultation.vote_mode != "for_against" or existing.value == value:
            raise VoteError("already_voted", 409)
        if taken:
            _give_back_vote(user.id, consultation.id)
        db.session.execute(
            update(Vote).where(Vote.id == existing.id).values(value=value, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        _bump_counters(proposal, {existing.value: -1, value: +1})
        _after_vote(user, proposal)
        return "changed"

    if not taken and not _take_vote(user.id, consultation):
        raise VoteError("over_limit", 409)
    try:
        db.session.execute(insert(Vote).values(user_id=user.id, proposal_id=proposal.id,
                                               consultation_id=consultation.id, value=value,
                                               created_at=now, updated_at=now))
    except IntegrityError:  # cannot happen while the Participation row is locked: last defence
        db.session.rollback()
        raise VoteError("already_voted", 409) from None
    _bump_counters(proposal, {value: +1})
    _after_vote(user, proposal, check_threshold=value == 1)
    return "created"


def withdraw_vote(user, proposal, now):
    """Remove this person's vote on the proposal; raises VoteError when there is none
    (the caller rolls back)."""
    consultation = proposal.consultation
    if not permissions.can_vote(user, proposal, now):
        raise VoteError("not_allowed", 403)
    _give_back_vote(user.id, consultation.id)  # locks the Participation row first
    removed = db.session.execute(
        delete(Vote).where(Vote.user_id == user.id, Vote.proposal_id == proposal.id).returning(Vote.value)
    ).first()
    if removed is None:
        raise VoteError("no_vote", 409)
    _bump_counters(proposal, {removed.value: -1})
    return "withdrawn"


def _after_vote(user, proposal, check_threshold=False):
    """Follow the proposal, announce a reached threshold (the counters are already fresh)."""
    from ..notifications.events import threshold_reached
    from ..notifications.services import follow

    threshold = proposal.consultation.support_threshold or 0
    if check_threshold and threshold > 0 and proposal.votes_for == threshold:
        threshold_reached(proposal)
    follow(user, "proposal", proposal.id)


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
