"""Two tabs, two moderators: a decision sent from a page that did not show the latest decision on
the item is not recorded. The moderator is told who decided what meanwhile, sees it on the page,
keeps what they wrote, and may then decide again knowingly."""
from consult.extensions import db
from consult.moderation.models import ModerationAction, Report
from consult.notifications.models import Notification
from consult.proposals.models import Proposal

from .test_decisions_in_force import reported_until_hidden
from .test_reported_meanwhile import stamps


def decide(client, proposal, action, shown, **data):
    """A decision sent from a page that showed `shown` (its forms' `seen` and `seen_report`)."""
    form = {"target_type": "proposal", "target_id": proposal.id, "action": action, **shown, **data}
    return client.post("/moderation/act", data=form)


def decisions(proposal):
    return db.session.scalars(db.select(ModerationAction.action).where(
        ModerationAction.target_type == "proposal", ModerationAction.target_id == proposal.id)
        .order_by(ModerationAction.id)).all()


def test_a_warning_sent_twice_is_recorded_and_told_once(world, as_user, client):
    as_user(world.moderator)
    shown = stamps(client.get(f"/moderation/item/proposal/{world.proposal.id}").text)
    warning = {"explanation": "Merci de rester courtois."}
    assert decide(client, world.proposal, "warn", shown, **warning).status_code == 302
    again = decide(client, world.proposal, "warn", shown, **warning)  # the second tab, or a double click
    assert again.status_code == 409
    assert "You already recorded a decision on this item on" in again.text
    assert ": Author warned. Nothing more was recorded." in again.text
    assert decisions(world.proposal) == ["warn"]
    told = db.session.scalars(db.select(Notification).where(Notification.user_id == world.alice.id,
                                                            Notification.kind == "moderation_decision")).all()
    assert len(told) == 1


def test_a_colleague_s_decision_taken_meanwhile_is_shown_before_one_decides_again(world, make, as_user, client):
    colleague = make.member(make.user(name="Max Moderator"), world.territory, "moderator")
    db.session.add(Report(territory_id=world.territory.id, reporter_id=world.residents[0].id,
                          target_type="proposal", target_id=world.proposal.id, reason="spam"))
    db.session.commit()
    page = f"/moderation/item/proposal/{world.proposal.id}"
    as_user(world.moderator)
    shown = stamps(client.get(page).text)
    as_user(colleague)
    assert decide(client, world.proposal, "dismiss", stamps(client.get(page).text)).status_code == 302

    as_user(world.moderator)  # her tab, opened before Max dismissed the reports
    refused = decide(client, world.proposal, "hide", shown, rule="spam", explanation="Publicité déguisée.")
    assert refused.status_code == 409
    assert "Max Moderator recorded a decision on this item on" in refused.text
    assert "after you opened it: Reports dismissed. Yours was not recorded" in refused.text
    assert "Publicité déguisée." in refused.text  # what she wrote is kept
    assert " — Max Moderator — Reports dismissed</li>" in refused.text  # in the page's past decisions
    assert decisions(world.proposal) == ["dismiss"]
    assert db.session.get(Proposal, world.proposal.id).status == "published"

    confirmed = decide(client, world.proposal, "hide", stamps(refused.text), rule="spam",
                       explanation="Publicité déguisée.")  # she read it, and decides knowingly
    assert confirmed.status_code == 302
    assert decisions(world.proposal) == ["dismiss", "hide"]


def test_a_restoration_from_a_queue_read_before_the_hiding_was_confirmed_is_not_recorded(world, make, as_user,
                                                                                           client):
    reported_until_hidden(world, as_user, client)
    colleague = make.member(make.user(name="Max Moderator"), world.territory, "moderator")
    as_user(colleague)
    shown = stamps(client.get("/moderation/").text, "restore")
    as_user(world.moderator)
    assert decide(client, world.proposal, "hide", stamps(client.get("/moderation/").text, "restore"),
                  rule="spam", explanation="Publicité.").status_code == 302

    as_user(colleague)
    refused = decide(client, world.proposal, "restore", shown)
    assert refused.status_code == 409
    assert "Mona Moderator recorded a decision on this item on" in refused.text
    assert decisions(world.proposal) == ["auto_hide", "hide"]
    assert db.session.get(Proposal, world.proposal.id).status == "hidden"
