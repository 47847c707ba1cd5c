"""What moderators may not do, and what authors may not do to get round them: a person is
moderated only where they took part, staff are blocked by the platform admin only, a
decision is not taken twice, an item awaiting moderation is approved or rejected (hidden, it
would show as a placeholder), and withdrawing or editing never publishes unreviewed text."""
import pytest

from consult.extensions import db
from consult.moderation.models import ModerationAction, Report
from consult.proposals.models import Proposal

from .test_bad_input import count, hide


def act(client, **data):
    form = {"target_type": "proposal", "action": "hide", "rule": "spam", "explanation": "Publicité."}
    form.update(data)
    return client.post("/moderation/act", data=form)


def block(client, person, territory, **data):
    return act(client, target_type="user", target_id=person.id, territory_id=territory.id, action="block",
               rule="harassment", explanation="Insultes répétées.", **data)


def test_a_person_is_moderated_only_where_they_took_part(world, make, as_user, client):
    stranger = make.user(name="Sam Stranger")  # never wrote anything in Villeneuve
    as_user(world.moderator)
    assert client.get(f"/moderation/item/user/{stranger.id}?territory={world.territory.id}").status_code == 404
    assert block(client, stranger, world.territory, days=3).status_code == 404
    as_user(world.residents[0])
    assert client.get(f"/moderation/report/user/{stranger.id}?territory={world.territory.slug}").status_code == 404
    # Alice wrote a proposal in Villeneuve: she may be reported and moderated there
    assert client.get(f"/moderation/report/user/{world.alice.id}?territory={world.territory.slug}").status_code == 200
    as_user(world.moderator)
    assert client.get(f"/moderation/item/user/{world.alice.id}?territory={world.territory.id}").status_code == 200
    db.session.refresh(stranger)
    assert not stranger.is_blocked() and count(ModerationAction) == 0


def test_staff_and_platform_admins_are_not_blocked_by_a_territory_s_moderators(world, make, as_user, client):
    other_admin = make.member(make.user(name="Lea Lyon"), world.other, "admin")
    make.proposal(world.consultation, other_admin, title="Une idée de Léa pour Villeneuve")
    platform_admin = make.user(name="Pat Platform", platform_admin=True)
    make.proposal(world.consultation, platform_admin, title="Une idée de Pat pour Villeneuve")
    as_user(world.moderator)
    page = client.get(f"/moderation/item/user/{other_admin.id}?territory={world.territory.id}").text
    assert "Warn the author" in page and "Block the person" not in page
    for person in (other_admin, platform_admin):
        assert block(client, person, world.territory, for_good="y").status_code == 403
        db.session.refresh(person)
        assert not person.is_blocked()
    # ... nor through their proposal
    their_proposal = db.session.scalar(db.select(Proposal).where(Proposal.author_id == other_admin.id))
    assert act(client, target_id=their_proposal.id, action="block", days=3).status_code == 403
    # once the platform admin has taken her role away, she is a resident like any other
    db.session.delete(other_admin.memberships[0])
    db.session.commit()
    assert block(client, other_admin, world.territory, days=3).status_code == 302
    db.session.refresh(other_admin)
    assert other_admin.is_blocked()


def test_reports_filed_in_another_territory_stay_there(world, make, as_user, client):
    lyon_consultation = make.consultation(world.other)
    make.proposal(lyon_consultation, world.alice, title="Une idée d'Alice pour Autreville")
    as_user(world.residents[0])
    url = f"/moderation/report/user/{world.alice.id}?territory={world.other.slug}"
    assert client.post(url, data={"reason": "spam", "details": "SECRET-AUTREVILLE"}).status_code == 302
    as_user(world.moderator)  # Villeneuve's moderator sees Alice's page, not Autreville's report
    page = client.get(f"/moderation/item/user/{world.alice.id}?territory={world.territory.id}").text
    assert "SECRET-AUTREVILLE" not in page
    assert "SECRET-AUTREVILLE" not in client.get("/moderation/").text
    assert act(client, target_type="user", target_id=world.alice.id, territory_id=world.territory.id,
               action="dismiss").status_code == 409  # nothing to dismiss in Villeneuve
    assert db.session.scalar(db.select(Report.status)) == "open"
    as_user(world.outsider)
    assert "SECRET-AUTREVILLE" in client.get(f"/moderation/item/user/{world.alice.id}?territory={world.other.id}").text


def test_a_person_reported_in_one_territory_may_be_reported_in_another(world, make, as_user, client):
    make.proposal(make.consultation(world.other), world.alice, title="Une idée d'Alice pour Autreville")
    as_user(world.residents[0])
    here = f"/moderation/report/user/{world.alice.id}?territory={world.territory.slug}"
    there = f"/moderation/report/user/{world.alice.id}?territory={world.other.slug}"
    assert client.post(here, data={"reason": "harassment", "details": "Insultes à Villeneuve"}).status_code == 302
    assert "You have already reported this" not in client.get(there).text
    assert client.post(there, data={"reason": "spam", "details": "REPORT-AUTREVILLE"}).status_code == 302
    as_user(world.outsider)  # Autreville's moderators hear of it
    assert "REPORT-AUTREVILLE" in client.get("/moderation/").text
    as_user(world.residents[0])  # still once in each territory
    again = client.post(there, data={"reason": "spam"})
    assert again.status_code == 409 and "You have already reported this" in again.text
    assert [count(Report, Report.territory_id == t.id) for t in (world.territory, world.other)] == [1, 1]


def test_a_decision_is_not_taken_twice(world, as_user, client):
    as_user(world.moderator)
    assert hide(client, world.proposal).status_code == 302
    again = hide(client, world.proposal)
    assert again.status_code == 409 and "This contribution is already hidden." in again.text
    assert count(ModerationAction) == 1
    page = client.get(f"/moderation/item/proposal/{world.proposal.id}").text
    assert 'value="restore"' in page and 'value="hide"' not in page and 'value="approve"' not in page


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_an_item_awaiting_moderation_is_approved_or_rejected_never_hidden(world, make, as_user, client, kind):
    if kind == "proposal":
        item = make.proposal(world.consultation, world.residents[0], title="Une idée en attente", status="pending")
        public_page = f"/proposals/{item.id}"
    else:
        item = make.comment(world.proposal, world.residents[0], body="Un avis en attente", status="pending")
        public_page = f"/proposals/{world.proposal.id}"
    as_user(world.moderator)
    page = client.get(f"/moderation/item/{kind}/{item.id}").text
    assert 'value="approve"' in page and 'value="reject"' in page and 'value="hide"' not in page
    hidden = act(client, target_type=kind, target_id=item.id)
    assert hidden.status_code == 409 and "This contribution awaits moderation: approve or reject it." in hidden.text
    assert count(ModerationAction) == 0
    as_user(None)
    assert "Hidden by moderation" not in client.get(public_page).text


def test_a_rejected_proposal_tells_its_author_it_was_rejected_not_hidden(world, make, as_user, client):
    item = make.proposal(world.consultation, world.residents[0], title="Une idée en attente", status="pending")
    as_user(world.moderator)
    assert act(client, target_id=item.id, action="reject").status_code == 302
    as_user(world.residents[0])
    page = client.get(f"/proposals/{item.id}", headers={"Accept-Language": "en"}).text
    assert "Rejected by moderation — reason: Spam" in page and "Hidden by moderation" not in page


def test_blocks_are_never_contradictory(world, as_user, client):
    as_user(world.moderator)
    both = block(client, world.alice, world.territory, days=3, for_good="y")
    assert both.status_code == 422 and "Give a number of days or block for good, not both." in both.text
    assert block(client, world.alice, world.territory, days=30).status_code == 302
    shorter = block(client, world.alice, world.territory, days=3)
    assert shorter.status_code == 409 and "This person is already blocked until" in shorter.text
    assert block(client, world.alice, world.territory, for_good="y").status_code == 302
    again = block(client, world.alice, world.territory, days=60)
    assert again.status_code == 409 and "This person is already blocked for good." in again.text
    assert count(ModerationAction, ModerationAction.action == "block") == 2


def test_the_moderator_is_told_what_the_author_hears(world, make, as_user, client):
    world.consultation.moderation = "pre"
    pending = make.proposal(world.consultation, world.alice, title="Une idée en attente", status="pending")
    db.session.commit()
    as_user(world.moderator)
    page = client.get(f"/moderation/item/proposal/{pending.id}").text
    assert 'value="approve"' in page and 'value="restore"' not in page and 'value="dismiss"' not in page
    approved = act(client, target_id=pending.id, action="approve", rule="", explanation="")
    notice = client.get(approved.headers["Location"]).text
    assert "Decision recorded: Approved. The author has been told." in notice and "why" not in notice
    hidden = client.get(hide(client, world.proposal).headers["Location"]).text
    assert "Decision recorded: Hidden. The author has been told why, and may appeal." in hidden


def test_withdrawing_never_publishes_what_moderators_held_back(world, make, as_user, client):
    pending = make.proposal(world.consultation, world.alice, title="Une idée en attente", status="pending")
    as_user(world.moderator)
    hide(client, world.proposal)
    as_user(world.alice)
    for proposal in (pending, world.proposal):
        assert client.post(f"/proposals/{proposal.id}/withdraw").status_code == 403
        db.session.refresh(proposal)
        assert proposal.status in ("pending", "hidden")
    assert client.get(f"/proposals/{pending.id}").status_code == 200  # her own, awaiting moderation


def test_a_withdrawn_proposal_may_be_hidden_and_restored_as_withdrawn(world, as_user, client):
    as_user(world.alice)
    assert client.post(f"/proposals/{world.proposal.id}/withdraw").status_code == 302
    as_user(world.moderator)
    assert hide(client, world.proposal).status_code == 302
    db.session.refresh(world.proposal)
    assert world.proposal.status == "hidden"
    assert act(client, target_id=world.proposal.id, action="restore", rule="", explanation="").status_code == 302
    db.session.refresh(world.proposal)
    assert world.proposal.status == "withdrawn"


def test_an_edit_in_a_premoderated_consultation_waits_for_the_moderators(world, as_user, client):
    world.consultation.moderation = "pre"
    db.session.commit()
    as_user(world.alice)
    edit = client.get(f"/proposals/{world.proposal.id}/edit")
    assert edit.status_code == 200
    data = {"title": "Un jardin partagé et des insultes", "body": "Un texte changé après la modération.",
            "category": "", "address": "", "latitude": "", "longitude": ""}
    response = client.post(f"/proposals/{world.proposal.id}/edit", data=data, follow_redirects=True)
    assert "It awaits moderation before it is shown again." in response.text
    db.session.refresh(world.proposal)
    assert world.proposal.status == "pending"
    as_user(None)
    assert client.get(f"/proposals/{world.proposal.id}").status_code == 404


def test_a_resident_reporting_a_person_is_not_told_of_their_block(world, as_user, client):
    """A block is the team's business: the report page names the person, not their sanction."""
    as_user(world.moderator)
    assert block(client, world.alice, world.territory, days=3).status_code == 302
    assert "Blocked" in client.get(f"/moderation/item/user/{world.alice.id}?territory={world.territory.id}").text
    as_user(world.residents[0])
    page = client.get(f"/moderation/report/user/{world.alice.id}?territory={world.territory.slug}")
    assert page.status_code == 200 and "Alice" in page.text
    assert "Blocked" not in page.text
