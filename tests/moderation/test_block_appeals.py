"""Blocks hold on the whole platform: reversing one on appeal leaves the others in force
(another territory's, a longer one), and a block suspends a platform admin's role too. A block
taken from a contribution's page is on the person: reversing it lifts it, whatever became of
the contribution."""
from datetime import timedelta

import pytest

from consult.database import utcnow
from consult.extensions import db
from consult.moderation.models import Appeal, ModerationAction

from .test_bad_input import send_appeal
from .test_boundaries import act, block


@pytest.fixture
def blocked_twice(world, make, as_user, client):
    """Alice, blocked 3 days by Villeneuve's moderator and for good by Autreville's."""
    make.proposal(make.consultation(world.other), world.alice, title="Une idée pour Autreville")
    as_user(world.moderator)
    assert block(client, world.alice, world.territory, days=3).status_code == 302
    as_user(world.outsider)
    assert block(client, world.alice, world.other, for_good="y").status_code == 302
    short, for_good = db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == "block")
                                         .order_by(ModerationAction.id)).all()
    return short, for_good


def reverse_on_appeal(client, as_user, world, action, decider):
    as_user(world.alice)
    assert send_appeal(client, action, "Je conteste.").status_code == 302
    appeal = db.session.scalar(db.select(Appeal).where(Appeal.action_id == action.id))
    as_user(decider)
    response = client.post(f"/moderation/appeals/{appeal.id}", data={"decision": "reversed",
                                                                     "decision_text": "Levé."})
    assert response.status_code == 302
    db.session.expire_all()
    return world.alice


def test_reversing_one_territory_s_block_leaves_another_s_in_force(world, as_user, client, blocked_twice):
    short, _ = blocked_twice
    alice = reverse_on_appeal(client, as_user, world, short, world.admin)
    assert alice.blocked_for_good and alice.is_blocked()


def test_reversing_the_longer_block_leaves_the_shorter_one(world, make, as_user, client, blocked_twice):
    short, for_good = blocked_twice
    other_admin = make.member(make.user(name="Ada Autreville"), world.other, "admin")
    alice = reverse_on_appeal(client, as_user, world, for_good, other_admin)
    assert not alice.blocked_for_good and alice.blocked_until == short.blocked_until
    assert alice.is_blocked() and not alice.is_blocked(utcnow() + timedelta(days=4))


def test_reversing_the_only_block_lifts_it(world, as_user, client):
    as_user(world.moderator)
    block(client, world.alice, world.territory, days=3)
    action = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "block"))
    alice = reverse_on_appeal(client, as_user, world, action, world.admin)
    assert not alice.blocked_for_good and alice.blocked_until is None and not alice.is_blocked()


def test_a_blocked_platform_admin_has_no_platform_power_until_the_block_ends(world, make, as_user, client):
    blocker = make.member(make.user(name="Pia Platform", platform_admin=True), world.territory, "moderator")
    blocked = make.user(name="Bo Platform", platform_admin=True)
    make.proposal(world.consultation, blocked, title="Une idée de Bo")
    as_user(blocker)
    assert block(client, blocked, world.territory, days=2).status_code == 302
    as_user(blocked)
    assert client.get("/admin/").status_code == 403
    assert client.post("/admin/platform-admins", data={"email": world.alice.email}).status_code == 403
    blocked.blocked_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get("/admin/").status_code == 200


def test_a_block_taken_from_a_proposal_s_page_is_lifted_on_appeal(world, as_user, client):
    as_user(world.moderator)
    assert act(client, target_id=world.proposal.id, action="block", rule="harassment", explanation="Insultes.",
               days=30).status_code == 302
    action = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "block"))
    alice = reverse_on_appeal(client, as_user, world, action, world.admin)
    assert not alice.is_blocked()
    assert "the block lifted" in client.get("/moderation/appeals").text


def test_a_block_taken_from_a_comment_its_author_deleted_since_is_lifted_on_appeal(world, make, as_user, client):
    comment = make.comment(world.proposal, world.alice, body="Des insultes.")
    as_user(world.moderator)
    assert act(client, target_type="comment", target_id=comment.id, action="block", rule="harassment",
               explanation="Insultes.", days=30).status_code == 302
    as_user(world.alice)
    assert client.post(f"/comments/{comment.id}/delete").status_code == 302
    action = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "block"))
    alice = reverse_on_appeal(client, as_user, world, action, world.admin)
    assert not alice.is_blocked()
