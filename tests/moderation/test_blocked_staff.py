"""A block suspends a staff member's roles: a blocked moderator cannot review or decide, and
gets the roles back when the block ends."""
from datetime import timedelta

from consult.database import utcnow
from consult.extensions import db


def test_a_blocked_moderator_loses_the_queue_and_the_decisions_until_the_block_ends(world, as_user):
    client = as_user(world.moderator)
    assert client.get("/moderation/").status_code == 200
    world.moderator.blocked_until = utcnow() + timedelta(days=3)
    db.session.commit()
    client = as_user(world.moderator)
    assert client.get("/moderation/").status_code == 403
    decision = client.post("/moderation/act", data={
        "target_type": "proposal", "target_id": world.proposal.id, "action": "hide", "rule": "spam",
        "explanation": "Publicité pour un commerce."})
    assert decision.status_code == 403
    db.session.refresh(world.proposal)
    assert world.proposal.status == "published"
    world.moderator.blocked_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert as_user(world.moderator).get("/moderation/").status_code == 200


def test_a_blocked_territory_admin_cannot_run_the_territory(world, as_user):
    pages = [f"/admin/territories/{world.territory.slug}/{page}" for page in ("members", "residents")]
    assert [as_user(world.admin).get(page).status_code for page in pages] == [200, 200]
    world.admin.blocked_for_good = True
    db.session.commit()
    client = as_user(world.admin)
    assert [client.get(page).status_code for page in pages] == [403, 403]


def test_a_staff_member_blocked_for_a_while_cannot_be_blocked_for_good_by_a_moderator(world):
    """The block suspends what their roles allow, not what they are: a moderator still may not
    block them (only the platform admin may)."""
    from consult import permissions

    world.outsider.blocked_until = utcnow() + timedelta(days=3)
    db.session.commit()
    assert not permissions.can_block(world.moderator, world.outsider)
