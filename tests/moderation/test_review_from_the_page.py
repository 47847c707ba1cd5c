"""A proposal awaiting moderation, opened by its territory's staff (from a link, the listing, a
notice): its page lets them approve it, or open it where they decide, as the queue does."""
import pytest

from consult.extensions import db
from consult.moderation.models import ModerationAction, Report
from consult.proposals.models import Proposal

from .test_reported_meanwhile import NEW, THREAT, decide, new_reports, open_reports, stamps, told

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


# --- what its page showed: an approval from it closes no report unread ------------------------

def approve_from(client, world, page_html):
    """The proposal page's Approve, as the moderator clicks it (with what the page showed)."""
    return decide(client, world, "approve", stamps(review_panel(page_html)), territory_id=world.territory.id,
                  next=f"/proposals/{world.proposal.id}")


def report_recorded(world, proposal, reporter, reason="harassment"):
    db.session.add(Report(territory_id=world.territory.id, reporter_id=reporter.id, target_type="proposal",
                          target_id=proposal.id, reason=reason, details=THREAT))
    db.session.commit()


def test_a_report_sent_after_the_page_was_read_refuses_its_approval(world, as_user, waiting):
    client = as_user(world.moderator)
    page = client.get(f"/proposals/{waiting.id}").text
    report_recorded(world, waiting, world.residents[0])

    refused = approve_from(client, world, page)
    assert refused.status_code == 409
    assert "A new report was sent on this item after you opened it (Insult or harassment)." in refused.text
    assert new_reports(refused.text)[0].startswith(f"{NEW} Insult or harassment — {THREAT}")
    assert f'href="/proposals/{waiting.id}"' in refused.text  # the way back to the proposal
    assert db.session.get(Proposal, waiting.id).status == "pending"
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 0
    assert open_reports(world) == ["harassment"] and told(world.residents[0]) == []

    # she read it on the decision page, and approves knowingly from there
    assert decide(client, world, "approve", stamps(refused.text), territory_id=world.territory.id).status_code == 302
    assert db.session.get(Proposal, waiting.id).status == "published" and open_reports(world) == []


def test_an_approval_from_a_page_read_before_a_colleague_decided_is_refused(world, make, as_user, waiting):
    colleague = make.member(make.user(name="Max Moderator"), world.territory, "moderator")
    page = as_user(world.moderator).get(f"/proposals/{waiting.id}").text
    approved = approve_from(as_user(colleague), world, as_user(colleague).get(f"/proposals/{waiting.id}").text)
    assert approved.status_code == 302

    refused = approve_from(as_user(world.moderator), world, page)
    assert refused.status_code == 409
    assert "Max Moderator recorded a decision on this item on" in refused.text
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 1


def test_a_proposal_approved_once_then_edited_is_approved_again_from_its_page(world, as_user, waiting):
    client = as_user(world.moderator)
    assert approve_from(client, world, client.get(f"/proposals/{waiting.id}").text).status_code == 302
    waiting.status = "pending"  # its author changed it, in a pre-moderated consultation
    db.session.commit()
    assert approve_from(client, world, client.get(f"/proposals/{waiting.id}").text).status_code == 302
    assert db.session.get(Proposal, waiting.id).status == "published"


def test_a_proposal_with_open_reports_is_not_approved_in_one_click(world, as_user, waiting):
    report_recorded(world, waiting, world.residents[0])  # reported while public, then edited by its author
    report_recorded(world, waiting, world.residents[1], reason="spam")
    panel = review_panel(as_user(world.moderator).get(f"/proposals/{waiting.id}", headers=FR).text)
    assert "Elle fait l’objet de 2 signalements ouverts\u00a0: lisez-les" in panel.replace("&nbsp;", "\u00a0")
    assert 'value="approve"' not in panel and "Examiner et décider" in panel
    english = review_panel(as_user(world.moderator).get(f"/proposals/{waiting.id}").text)
    assert "It has 2 open reports: read them on its decision page before you decide." in english
