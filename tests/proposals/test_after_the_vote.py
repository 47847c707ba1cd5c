"""Once a consultation is archived or its vote over, its results stand: the author of a proposal
can no longer withdraw it (nor edit it, which only the proposals phase allows), is told why,
and is not offered the buttons."""
import pytest

from consult.extensions import db
from consult.proposals.models import Proposal

WITHDRAWAL_CLOSED = ("This proposal can no longer be withdrawn: the vote of this consultation is over, or the "
                     "consultation is closed, and its results stay as they were.")
EDITING_CLOSED = ("Proposals can be edited only while the proposals phase of this consultation is open: "
                  "see its timeline for the dates.")


@pytest.fixture
def winner(make):
    """A proposal that won the vote (five supports) and another with two."""
    def _winner(phase, status="published"):
        consultation = make.consultation(phase=phase, status=status)
        make.proposal(consultation, title="Des bancs dans le parc", votes_for=2)
        return make.proposal(consultation, make.user(name="Camille Martin"), title="Un jardin partagé",
                             votes_for=5)
    return _winner


def results(client, consultation_id):
    """The results page's ranking and the open data, as a visitor reads them."""
    document = client.get(f"/consultations/{consultation_id}/results.json").get_json()
    del document["generated_at"]
    page = client.get(f"/consultations/{consultation_id}/results").text
    return document, page[page.index("<main"):]


@pytest.mark.parametrize("phase, status", [("vote", "archived"), ("results", "published"), ("results", "archived")])
def test_the_winner_cannot_be_withdrawn_once_the_vote_is_over(client, login, winner, phase, status):
    proposal = winner(phase, status)
    before = results(client, proposal.consultation_id)
    assert [p["title"] for p in before[0]["proposals"]] == ["Un jardin partagé", "Des bancs dans le parc"]
    login(proposal.author)
    page = client.get(f"/proposals/{proposal.id}").text
    assert "Withdraw my proposal" not in page and ">Edit</a>" not in page
    assert WITHDRAWAL_CLOSED in page  # why the buttons are gone
    response = client.post(f"/proposals/{proposal.id}/withdraw")
    assert response.status_code == 403 and WITHDRAWAL_CLOSED in response.text
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status == "published"
    assert results(client, proposal.consultation_id) == before


@pytest.mark.parametrize("phase", ["proposals", "vote"])
def test_the_author_still_withdraws_until_the_end_of_the_vote(client, login, winner, phase):
    proposal = winner(phase)
    login(proposal.author)
    assert "Withdraw my proposal" in client.get(f"/proposals/{proposal.id}").text
    response = client.post(f"/proposals/{proposal.id}/withdraw", follow_redirects=True)
    assert response.status_code == 200 and "Your proposal is withdrawn." in response.text
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status == "withdrawn"
    titles = [p["title"] for p in results(client, proposal.consultation_id)[0]["proposals"]]
    assert titles == ["Des bancs dans le parc"]


def test_a_proposal_is_edited_only_while_proposals_are_collected(client, login, make):
    consultation = make.consultation(phase="vote")
    proposal = make.proposal(consultation, title="Un jardin partagé")  # no vote nor comment yet
    login(proposal.author)
    page = client.get(f"/proposals/{proposal.id}").text
    assert ">Edit</a>" not in page and EDITING_CLOSED in page
    assert "Withdraw my proposal" in page  # still offered during the vote
    for response in (client.get(f"/proposals/{proposal.id}/edit"),
                     client.post(f"/proposals/{proposal.id}/edit", data={"title": "Un autre titre bien long",
                                                                         "body": "Un autre texte, assez long."})):
        assert response.status_code == 403 and EDITING_CLOSED in response.text
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).title == "Un jardin partagé"
