"""The decision in force on an item is the latest: an appeal against an older one does not undo
it, an automatic hiding is settled by the moderator's decision (and counted once), and what
cannot be shown again is not said to be."""
import re

from consult.extensions import db
from consult.moderation.models import Appeal, ModerationAction

from ..helpers import reports_shown
from .test_bad_input import hidden_by_moderator, send_appeal


def act(client, target, action, **data):
    form = {"target_type": "proposal", "target_id": target.id, "action": action,
            "seen_report": reports_shown("proposal", target.id)}
    form.update(data)
    return client.post("/moderation/act", data=form)


def reported_until_hidden(world, as_user, client, item_type="proposal", item=None):
    world.territory.report_threshold = 2
    db.session.commit()
    item = item or world.proposal
    for resident in world.residents[:2]:
        as_user(resident)
        client.post(f"/moderation/report/{item_type}/{item.id}", data={"reason": "spam"})
    db.session.refresh(item)
    assert item.status == "hidden"


def decide(client, appeal, decision="reversed"):
    return client.post(f"/moderation/appeals/{appeal.id}", data={"decision": decision, "decision_text": "Vu."})


def test_reversing_an_appeal_does_not_undo_a_later_decision(world, as_user, client):
    hiding = hidden_by_moderator(world, as_user, client)
    as_user(world.admin)
    assert act(client, world.proposal, "reject", rule="spam", explanation="Publicité, définitivement.").status_code == 302
    as_user(world.alice)
    send_appeal(client, hiding, "Je conteste le masquage.")
    as_user(world.admin)
    response = decide(client, db.session.scalar(db.select(Appeal)))
    assert response.status_code == 409
    assert "A later decision on this contribution stands" in response.text
    db.session.refresh(world.proposal)
    assert world.proposal.status == "rejected"
    assert decide(client, db.session.scalar(db.select(Appeal)), "confirmed").status_code == 302


def test_nor_new_reports_that_hid_it_again(world, as_user, client):
    hiding = hidden_by_moderator(world, as_user, client)
    as_user(world.alice)
    send_appeal(client, hiding, "Je conteste.")
    as_user(world.moderator)
    act(client, world.proposal, "restore")
    reported_until_hidden(world, as_user, client)
    as_user(world.admin)
    assert decide(client, db.session.scalar(db.select(Appeal))).status_code == 409
    db.session.refresh(world.proposal)
    assert world.proposal.status == "hidden"


def test_a_comment_deleted_since_is_neither_appealed_nor_said_shown_again(world, as_user, client, make):
    comment = make.comment(world.proposal, world.alice, body="Un commentaire masqué.")
    as_user(world.moderator)
    act(client, comment, "hide", target_type="comment", rule="spam", explanation="Publicité.")
    hiding = db.session.scalar(db.select(ModerationAction).where(ModerationAction.target_type == "comment"))
    as_user(world.alice)
    assert client.post(f"/comments/{comment.id}/delete").status_code in (302, 303)
    response = send_appeal(client, hiding, "Je conteste.")
    assert response.status_code == 409 and "You deleted this comment since" in response.text
    assert db.session.scalar(db.select(db.func.count(Appeal.id))) == 0


def test_warn_or_block_on_an_automatic_hiding_asks_to_settle_it_first(world, as_user, client):
    """Else the item stayed hidden, out of the queue, with nothing its author could appeal."""
    reported_until_hidden(world, as_user, client)
    as_user(world.moderator)
    for action, data in (("warn", {"explanation": "Attention."}),
                         ("block", {"rule": "spam", "explanation": "Spam.", "days": "7"})):
        response = act(client, world.proposal, action, **data)
        assert response.status_code == 409
        assert "first confirm the hiding or dismiss the reports" in response.text
    assert "1 item to review" in client.get("/moderation/").text


def test_an_automatic_hiding_settled_by_a_moderator_counts_once(world, as_user, client, make):
    reported_until_hidden(world, as_user, client)
    as_user(world.moderator)
    act(client, world.proposal, "hide", rule="spam", explanation="Publicité.")  # confirmed: one decision
    other = make.proposal(world.consultation, world.alice, title="Une autre idée")
    reported_until_hidden(world, as_user, client, item=other)
    as_user(world.moderator)
    act(client, other, "dismiss")  # undone: no decision stands
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/territories/villeneuve/transparency").text))
    assert re.search(r"Month Spam Total Reversed on appeal \S+ \d{4} 1 1 0", page), page
