"""The API takes a vote back from a proposal withdrawn or hidden since (it no longer counts
against the limit), and votes on none."""
import pytest

from tests.votes.conftest import close_proposal, counts, spent, used, vote_setup  # noqa: F401  (fixtures)


@pytest.mark.parametrize("status, code", [("withdrawn", 403), ("hidden", 404), ("rejected", 404)])
def test_nobody_votes_on_a_proposal_no_longer_open_with_the_api(client, make, vote_setup, token_for, counts,
                                                              status, code):
    consultation, proposal, voter = vote_setup(max_votes=3)
    close_proposal(proposal, status)
    r = client.put(f"/api/v1/proposals/{proposal.id}/vote", json={"value": 1}, headers=token_for(voter))
    assert r.status_code == code and counts(proposal) == (0, 0, 0, 0)


@pytest.mark.parametrize("status", ["withdrawn", "hidden"])
def test_the_api_takes_a_vote_back_from_a_closed_proposal(client, make, spent, token_for, used, status):
    consultation, proposal, other, voter = spent
    close_proposal(proposal, status)
    stranger = make.user()
    r = client.delete(f"/api/v1/proposals/{proposal.id}/vote", headers=token_for(stranger))
    assert r.status_code == 404  # no vote of theirs to take back
    r = client.delete(f"/api/v1/proposals/{proposal.id}/vote", headers=token_for(voter))
    assert r.status_code == 200 and r.json["votes_left"] == 1 and used(voter, consultation) == 0
    # the counts of a proposal moderation hid are not shown to its voters
    assert (r.json["votes"] is None) is (status == "hidden")
