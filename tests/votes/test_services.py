"""The vote service itself: what it says of the same vote cast again."""
import pytest

from consult.database import utcnow
from consult.extensions import db
from consult.proposals.models import Proposal
from consult.votes.services import Outcome, cast_vote, withdraw_vote


@pytest.mark.parametrize("mode, value, max_votes, left", [
    ("support", 1, 0, None),  # no limit: the vote taken is given back
    ("support", 1, 2, 1),
    ("support", 1, 1, 0),  # the only vote is used: the row is locked, nothing taken
    ("for_against", -1, 3, 2),
    ("for_against", 0, 0, None),
])
def test_the_same_vote_again_is_unchanged_and_changes_nothing(vote_setup, counts, used, mode, value, max_votes,
                                                              left):
    consultation, proposal, voter = vote_setup(vote_mode=mode, max_votes=max_votes)
    assert cast_vote(voter, proposal, value, utcnow()).kind == "created"
    db.session.commit()
    voted = counts(proposal)
    table = Proposal.__table__  # someone else's abstention, recorded since the proposal was read
    db.session.execute(table.update().where(table.c.id == proposal.id).values(votes_abstain=table.c.votes_abstain + 1))

    outcome = cast_vote(voter, proposal, value, utcnow())
    assert outcome == Outcome("unchanged", left)
    # the answer says the counts as recorded now, and the transaction holds nothing to undo:
    # the caller may commit it
    now_recorded = (voted[0], voted[1], voted[2] + 1)
    assert (proposal.votes_for, proposal.votes_against, proposal.votes_abstain) == now_recorded
    db.session.commit()
    assert counts(proposal) == (*now_recorded, 1)
    assert used(voter, consultation) == 1


def test_the_score_follows_each_vote_changed_and_withdrawn(vote_setup):
    consultation, proposal, voter = vote_setup(vote_mode="for_against", max_votes=0)
    scores = []
    for action in (lambda now: cast_vote(voter, proposal, -1, now), lambda now: cast_vote(voter, proposal, 0, now),
                   lambda now: cast_vote(voter, proposal, 1, now), lambda now: withdraw_vote(voter, proposal, now)):
        action(utcnow())
        db.session.commit()
        db.session.expire_all()
        scores.append(db.session.get(Proposal, proposal.id).votes_score)
    assert scores == [-1, 0, 1, 0]
