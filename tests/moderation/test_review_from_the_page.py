"""A proposal awaiting moderation, opened by its territory's staff (from a link, the listing, a
notice): its page lets them approve it, or open it where they decide, as the queue does."""
import pytest

from consult.extensions import db
from consult.proposals.models import Proposal

FR = {"Accept-Language": "fr"}


@pytest.fixture
def waiting(world):
    world.proposal.status = "pending"
    db.session.commit()
    return world.proposal


def review_panel(html):
    start = html.find('class="panel review-panel"')
    return html[start:html.index("</section>", start)] if start >= 0 else None


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_the_staff_approve_a_waiting_proposal_from_its_page(world, as_user, waiting, who):
    client = as_user(getattr(world, who))
    page = f"/proposals/{waiting.id}"
    panel = review_panel(client.get(page, headers=FR).text)
    assert "Cette proposition attend d’être approuvée" in panel and "Villeneuve" in panel
    # its decision page leads back here, as the approval does
    assert f'href="/moderation/item/proposal/{waiting.id}?next={page}"' in panel and "Examiner et décider" in panel
    assert f'name="next" value="{page}"' in panel and 'value="approve"' in panel
    r = client.post("/moderation/act", data={"target_type": "proposal", "target_id": waiting.id,
                                             "territory_id": world.territory.id, "action": "approve",
                                             "next": page}, headers=FR)
    assert r.status_code == 302 and r.headers["Location"] == page  # back on the proposal, now public
    assert db.session.get(Proposal, waiting.id).status == "published"
    shown = client.get(page, headers=FR).text
    assert "enregistrée. La personne concernée en est informée." in shown and review_panel(shown) is None
    assert client.get(f"/moderation/item/proposal/{waiting.id}").status_code == 200


@pytest.mark.parametrize("who", ["alice", "resident", "outsider"])
def test_nobody_else_is_offered_to_decide_on_it(world, as_user, waiting, who):
    person = world.residents[0] if who == "resident" else getattr(world, who)
    r = as_user(person).get(f"/proposals/{waiting.id}")
    assert r.status_code == (200 if who == "alice" else 404)  # its author sees it, as it waits
    assert review_panel(r.text) is None


def test_a_moderator_is_not_offered_to_approve_their_own_proposal(world, make, as_user):
    mine = make.proposal(world.consultation, world.moderator, status="pending")
    assert review_panel(as_user(world.moderator).get(f"/proposals/{mine.id}").text) is None


def test_a_published_proposal_asks_for_no_review(world, as_user):
    assert review_panel(as_user(world.moderator).get(f"/proposals/{world.proposal.id}").text) is None
