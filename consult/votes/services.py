"""Casting and withdrawing votes, exactly, under any concurrency.

The order of operations is what makes parallel requests exact:

1. the person's Participation row for the consultation is locked first, by the conditional
   UPDATE that takes a vote (`votes_used = votes_used + 1 WHERE … AND votes_used < max`) or
   gives one back (created first if missing): on PostgreSQL the row lock serialises one
   person's requests, on SQLite every write request already holds the database lock
   (BEGIN IMMEDIATE);
2. only then is the vote inserted, with `ON CONFLICT DO NOTHING` on the unique constraint
   on (user, proposal): an existing vote is found by the INSERT itself, and the vote just
   taken is given back (or the existing vote changed, in the for/against mode);
3. the counters on the proposal are changed by one atomic `UPDATE … SET x = x + 1`, whose
   RETURNING refreshes the proposal in memory.

A person's usual vote is thus four statements (take, insert, count, follow) and a
withdrawal three, all plain Core statements on the request's connection. The request
commits once. A refusal (VoteError) may leave changes in
the transaction: the caller rolls back, as every 4xx answer does.

The same vote again changes nothing: the vote taken in step 1, if any, is given back, and the
Outcome says "unchanged" (with the counters read afresh). The API answers it as it
answered the first vote (a client may repeat a request whose answer it lost); the site, as a
refusal (409).
"""
from typing import NamedTuple

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm.attributes import set_committed_value

from .. import permissions
from ..database import insert_or_ignore, utcnow
from ..extensions import db
from ..notifications.services import follow
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


def has_voted(user, proposal_id):
    """Whether this person has a vote on the proposal (one query)."""
    return proposal_id in my_votes(user, [proposal_id])


def votes_used(user, consultation):
    if not permissions.is_signed_in(user):
        return 0
    used = db.session.scalar(
        select(Participation.votes_used).where(
            Participation.user_id == user.id, Participation.consultation_id == consultation.id
        )
    )
    return used or 0


def left_after(consultation, used):
    """Votes left once `used` are used, or None when the consultation has no limit."""
    limit = consultation.max_votes or 0
    return max(limit - used, 0) if limit > 0 else None


def votes_left(user, consultation):
    """Votes this person may still cast in the consultation, or None when there is no limit."""
    if not consultation.max_votes:
        return None
    return left_after(consultation, votes_used(user, consultation))


# --- writing ---------------------------------------------------------------------------

class Outcome(NamedTuple):
    """What a vote or a withdrawal did ('created', 'changed', 'unchanged': the same vote
    again, 'withdrawn'), and the votes the person has left afterwards (None when the
    consultation has no limit)."""
    kind: str
    left: int | None


def allowed_values(consultation):
    return MODE_VALUES.get(consultation.vote_mode, (1,))


COUNTER_NAMES = ("votes_for", "votes_against", "votes_abstain")

# The statements of a vote are built once (with bound parameters): building and hashing a
# statement costs as much as running it.
_P, _PA, _V = Proposal.__table__, Participation.__table__, Vote.__table__
_MINE = (_PA.c.user_id == bindparam("person"), _PA.c.consultation_id == bindparam("consultation"))
_TAKE = {
    limited: _PA.update().where(*_MINE, *((_PA.c.votes_used < bindparam("limit"),) if limited else ()))
    .values(votes_used=_PA.c.votes_used + 1).returning(_PA.c.votes_used)
    for limited in (True, False)
}
_GIVE_BACK = (_PA.update().where(*_MINE, _PA.c.votes_used > 0)
              .values(votes_used=_PA.c.votes_used - 1).returning(_PA.c.votes_used))
_LOCK = _PA.update().where(*_MINE).values(votes_used=_PA.c.votes_used).returning(_PA.c.votes_used)
_EXISTING = select(_V.c.id, _V.c.value).where(_V.c.user_id == bindparam("person"),
                                               _V.c.proposal_id == bindparam("proposal"))
_CHANGE = _V.update().where(_V.c.id == bindparam("vote")).values(value=bindparam("new_value"),
                                                                  updated_at=bindparam("now"))
_REMOVE = (_V.delete().where(_V.c.user_id == bindparam("person"), _V.c.proposal_id == bindparam("proposal"))
           .returning(_V.c.value))
_COUNTS = select(*(_P.c[name] for name in COUNTER_NAMES)).where(_P.c.id == bindparam("proposal"))
_BUMPS = {}


def _bump_statement(changes):
    key = tuple(sorted(changes.items()))
    if key not in _BUMPS:
        values = {COUNTER[value]: _P.c[COUNTER[value]] + delta for value, delta in key}
        score = sum(value * delta for value, delta in key)  # for counts +1, against -1
        if score:
            values["votes_score"] = _P.c.votes_score + score
        _BUMPS[key] = (_P.update().where(_P.c.id == bindparam("proposal")).values(values)
                       .returning(*(_P.c[name] for name in COUNTER_NAMES)))
    return _BUMPS[key]


def _bump_counters(connection, proposal, changes):
    """Apply {value: delta} to the proposal's counters in one atomic UPDATE, and set the new
    counts on `proposal` from RETURNING (no reload)."""
    _set_counts(proposal, connection.execute(_bump_statement(changes), {"proposal": proposal.id}).one())


def _set_counts(proposal, counts):
    for name, count in zip(COUNTER_NAMES, counts):
        if isinstance(proposal, Proposal):
            set_committed_value(proposal, name, count)
        else:
            setattr(proposal, name, count)


def _take_vote(connection, mine, consultation):
    """Use one of the person's votes, which locks their Participation row: the votes used
    now, or None when the row is missing or the limit is reached."""
    limit = consultation.max_votes or 0
    return connection.execute(_TAKE[limit > 0], dict(mine, limit=limit)).scalar()


def _first_participation(connection, mine):
    """The person's first vote in the consultation: their Participation row, created with
    this vote used (1), or None when the row exists already."""
    return connection.execute(insert_or_ignore(Participation, connection, _PA.c.votes_used), {
        "user_id": mine["person"], "consultation_id": mine["consultation"], "votes_used": 1}).scalar()


def _insert_vote(connection, user_id, proposal, value, now):
    """Insert the vote unless the person already has one on the proposal: True if inserted."""
    inserted = connection.execute(insert_or_ignore(Vote, connection, _V.c.id), {
        "user_id": user_id, "proposal_id": proposal.id, "consultation_id": proposal.consultation.id,
        "value": value, "created_at": now, "updated_at": now}).first()
    return inserted is not None


def _check(refusal):
    """A refusal of permissions.py (its reason kept for the message), or nothing."""
    if refusal:
        raise VoteError(refusal, 403)


def _checked_value(consultation, value):
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise VoteError("invalid_value", 422) from None
    if value not in allowed_values(consultation):
        raise VoteError("invalid_value", 422)
    return value


def cast_vote(user, proposal, value, now):
    """Record (or change) this person's vote: an Outcome, or VoteError.

    `proposal` is a Proposal or a targets.ProposalRow. A refused vote may leave changes in
    the transaction: the caller rolls back (the request does so for any 4xx answer)."""
    _check(permissions.vote_refusal(user, proposal, now))
    consultation = proposal.consultation
    value = _checked_value(consultation, value)
    connection = db.session.connection()
    mine = {"person": user.id, "consultation": consultation.id}
    # Usually one UPDATE takes a vote (and locks the row), or one INSERT creates the row
    # with the vote taken; then one INSERT records the vote.
    used = _take_vote(connection, mine, consultation)
    if used is None:
        used = _first_participation(connection, mine)
    if used is not None:
        if _insert_vote(connection, user.id, proposal, value, now):
            return _created(connection, user, proposal, value, used)
        used = connection.execute(_GIVE_BACK, mine).scalar()
    else:  # no vote left: a for/against vote may still be changed
        used = connection.execute(_LOCK, mine).scalar()
    existing = connection.execute(_EXISTING, {"person": user.id, "proposal": proposal.id}).first()
    if existing is None:
        raise VoteError("over_limit", 409)
    if existing.value == value:  # the same vote again
        _set_counts(proposal, connection.execute(_COUNTS, {"proposal": proposal.id}).one())
        return Outcome("unchanged", left_after(consultation, used))
    if consultation.vote_mode != "for_against":
        raise VoteError("already_voted", 409)
    connection.execute(_CHANGE, {"vote": existing.id, "new_value": value, "now": now})
    _bump_counters(connection, proposal, {existing.value: -1, value: +1})
    _tell_threshold(connection, proposal, value)
    follow(user.id, "proposal", proposal.id)
    return Outcome("changed", left_after(consultation, used))


def _created(connection, user, proposal, value, used):
    _bump_counters(connection, proposal, {value: +1})
    _tell_threshold(connection, proposal, value)
    follow(user.id, "proposal", proposal.id)
    return Outcome("created", left_after(proposal.consultation, used))


def _tell_threshold(connection, proposal, value):
    """A vote for (new, or changed to for) that brings the proposal to its threshold, or over it
    (the threshold may have been lowered since the last vote): told once."""
    threshold = proposal.consultation.support_threshold or 0
    if (value == 1 and threshold > 0 and proposal.votes_for >= threshold and proposal.threshold_reached_at is None
            and _first_time_over(connection, proposal)):
        from ..notifications.events import threshold_reached

        threshold_reached(db.session.get(Proposal, proposal.id))


def _first_time_over(connection, proposal):
    """Mark the proposal as having reached its threshold; False when it already had (one
    statement: of two votes reaching it together, one only is told)."""
    marked = connection.execute(update(Proposal).where(Proposal.id == proposal.id,
                                                       Proposal.threshold_reached_at.is_(None))
                                .values(threshold_reached_at=utcnow()))
    return marked.rowcount == 1


def withdraw_vote(user, proposal, now):
    """Remove this person's vote on the proposal, even one the proposal's withdrawal or its
    moderation has closed: an Outcome, or VoteError when there is none (the caller rolls back)."""
    _check(permissions.vote_withdrawal_refusal(user, proposal, now))
    consultation = proposal.consultation
    connection = db.session.connection()
    # gives one vote back, which locks the Participation row first
    used = connection.execute(_GIVE_BACK, {"person": user.id, "consultation": consultation.id}).scalar()
    removed = connection.execute(_REMOVE, {"person": user.id, "proposal": proposal.id}).first()
    if removed is None:
        raise VoteError("no_vote", 409)
    _bump_counters(connection, proposal, {removed.value: -1})
    return Outcome("withdrawn", left_after(consultation, used or 0))
