"""A vote on a proposal withdrawn, hidden or rejected since it was cast still uses one of the
person's limited votes: they take it back (on the proposal, in "my activity" or with the API)
while votes are open, and vote elsewhere. Nobody votes on such a proposal (site and API), and the
counts of a proposal moderation hid are not shown to its voters."""
from datetime import timedelta

import pytest

from consult.database import utcnow
from consult.extensions import db

from .conftest import close_proposal

FETCH = {"X-Requested-With": "fetch"}


def test_a_withdrawn_proposal_offers_its_voters_their_vote_back(client, login, spent, counts, used):
    consultation, proposal, other, voter = spent
    login(proposal.author)
    client.post(f"/proposals/{proposal.id}/withdraw")
    login(voter)
    assert client.post(f"/proposals/{other.id}/vote", data={"value": "1"}).status_code == 409  # still used
    page = client.get(f"/proposals/{proposal.id}").text
    assert "your support still uses one of yours" in page and ">Take my support back<span class=\"visually-hidden\">" in page
    r = client.post(f"/proposals/{proposal.id}/vote/delete", headers=FETCH)
    assert r.status_code == 200 and "Your support is withdrawn. You have 1 support left." in r.text
    # the votes left are said in the message; the box keeps them, hidden, for the page's other boxes
    assert "Take my support back" not in r.text and 'data-left="1"' in r.text
    assert '<div hidden><p class="votes-left">1 of 1 supports left</p></div>' in r.text
    assert counts(proposal) == (0, 0, 0, 0) and used(voter, consultation) == 0
    assert client.post(f"/proposals/{other.id}/vote", data={"value": "1"}).status_code == 302
    assert counts(other)[0] == 1


@pytest.mark.parametrize("status", ["hidden", "rejected", "pending"])
def test_a_vote_on_a_proposal_moderation_took_away_is_taken_back_from_my_activity(
        client, login, make, spent, counts, used, status):
    consultation, proposal, other, voter = spent
    close_proposal(proposal, status)
    if status != "hidden":  # a hidden one's page says only that moderation hid it, and why
        assert client.get(f"/proposals/{proposal.id}").status_code == 404
    page = client.get("/me/activity?show=votes").text
    assert "A proposal that moderation does not show at the moment" in page
    assert proposal.title not in page  # what moderation took away is not shown again here
    assert f'action="/proposals/{proposal.id}/vote/delete"' in page
    r = client.post(f"/proposals/{proposal.id}/vote/delete", data={"next": "/me/activity?show=votes"})
    assert r.status_code == 302 and "/me/activity?show=votes" in r.headers["Location"]
    assert used(voter, consultation) == 0 and counts(proposal)[3] == 0
    assert client.post(f"/proposals/{other.id}/vote", data={"value": "1"}).status_code == 302
    login(make.user())  # somebody who never voted on it: still not found
    assert client.post(f"/proposals/{proposal.id}/vote/delete").status_code == 404


@pytest.mark.parametrize("status, code", [("withdrawn", 403), ("hidden", 404), ("rejected", 404)])
def test_nobody_votes_on_a_proposal_no_longer_open(client, login, vote_setup, make, counts, status, code):
    consultation, proposal, voter = vote_setup(max_votes=3)
    close_proposal(proposal, status)
    login(voter)
    assert client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}).status_code == code
    assert counts(proposal) == (0, 0, 0, 0)


def test_once_the_vote_is_over_a_vote_stays_where_it_was(client, login, spent, used):
    consultation, proposal, other, voter = spent
    close_proposal(proposal, "withdrawn")
    next(p for p in consultation.phases if p.kind == "vote").ends_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert "Take my support back" not in client.get(f"/proposals/{proposal.id}").text
    assert "Take my support back" not in client.get("/me/activity?show=votes").text
    r = client.post(f"/proposals/{proposal.id}/vote/delete")
    assert r.status_code == 403 and "Voting is not open in this consultation right now." in r.text
    assert used(voter, consultation) == 1


def test_a_vote_taken_back_from_a_hidden_proposal_in_place_shows_none_of_its_counts(client, spent, used):
    consultation, proposal, other, voter = spent
    close_proposal(proposal, "hidden")
    r = client.post(f"/proposals/{proposal.id}/vote/delete", headers=FETCH)
    assert r.status_code == 302 and "data-count" not in r.text  # a plain answer, not its box and counts
    assert used(voter, consultation) == 0


def test_a_for_against_vote_is_taken_back_in_its_own_words(client, login, vote_setup, make, used):
    consultation, proposal, voter = vote_setup(max_votes=1, vote_mode="for_against")
    login(voter)
    client.post(f"/proposals/{proposal.id}/vote", data={"value": "-1"})
    close_proposal(proposal, "withdrawn")
    page = client.get(f"/proposals/{proposal.id}").text
    assert "your vote on it still uses one of yours" in page and ">Take my vote back<span class=\"visually-hidden\">" in page
    assert ">Take my vote back<span class=\"visually-hidden\">" in client.get("/me/activity?show=votes").text
    r = client.post(f"/proposals/{proposal.id}/vote/delete", headers=FETCH)
    assert "Your vote is withdrawn. You have 1 vote left." in r.text and used(voter, consultation) == 0


# --- the API ---------------------------------------------------------------------------

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
