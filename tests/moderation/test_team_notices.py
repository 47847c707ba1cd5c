"""The territory's team hears of what awaits it: contributions held for moderation, reports
(once per item while they are open, never saying who reported) and appeals."""
import pytest

from consult.extensions import db
from consult.moderation.models import Appeal
from consult.notifications.digests import send_digests
from consult.notifications.models import Notification, OutgoingMail

from ..helpers import reports_shown
from .test_bad_input import hidden_by_moderator, send_appeal


def notices(user, kind):
    return db.session.scalars(db.select(Notification).where(
        Notification.user_id == user.id, Notification.kind == kind).order_by(Notification.id)).all()


def told(kind):
    """{user id: number of notices of `kind`}."""
    rows = db.session.execute(db.select(Notification.user_id, db.func.count()).where(Notification.kind == kind)
                              .group_by(Notification.user_id)).all()
    return dict(rows)


def mailed():
    return sorted(db.session.scalars(db.select(OutgoingMail.recipient)))


def centre(client):
    return client.get("/me/notifications").get_data(as_text=True)


def report(client, target_type, target_id, reason="spam", details=""):
    return client.post(f"/moderation/report/{target_type}/{target_id}", data={"reason": reason, "details": details})


@pytest.fixture
def premoderated(make, world):
    consultation = make.consultation(world.territory, moderation="pre", premoderate_comments=True)
    make.category(consultation)
    return consultation


def test_a_proposal_held_for_moderation_reaches_the_team_in_its_daily_digest(world, premoderated, make, as_user,
                                                                               client):
    platform_admin = make.user(platform_admin=True)
    as_user(world.alice)
    response = client.post(f"/consultations/{premoderated.id}/proposals/new", data={
        "title": "Un composteur de quartier", "body": "Installer un composteur près de l'école.",
        "category": str(premoderated.categories[0].id), "action": "publish"})
    assert response.status_code == 302
    assert told("moderation_queue") == {world.moderator.id: 1, world.admin.id: 1}
    assert platform_admin.id not in told("moderation_queue")

    as_user(world.moderator)
    html = centre(client)
    assert "A proposal awaits moderation in Villeneuve: “Un composteur de quartier”." in html
    [notice] = notices(world.moderator, "moderation_queue")
    opened = client.post(f"/me/notifications/{notice.id}/open")
    assert opened.headers["Location"].endswith(f"/moderation/item/proposal/{notice.payload['target_id']}")
    assert client.get(opened.headers["Location"]).status_code == 200

    # held for the daily digest by default: nothing mailed at once, then the digest, to the admin
    # only: the moderator has read it in the centre
    assert mailed() == []
    assert send_digests(force=True) == 1
    assert mailed() == [world.admin.email]


def test_a_held_comment_tells_the_team_but_not_its_author(world, premoderated, make, as_user, client):
    proposal = make.proposal(premoderated, world.alice, title="Des bancs", status="published")
    as_user(world.moderator)  # a moderator taking part like anyone: another one reviews it
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": "Oui, près de la gare."})
    assert response.status_code == 302
    assert told("moderation_queue") == {world.admin.id: 1}
    as_user(world.admin)
    assert 'A comment on “<span lang="fr">Des bancs</span>” awaits moderation in Villeneuve.' in centre(client)


def test_an_edit_that_sends_a_comment_back_to_the_queue_tells_the_team(world, make, as_user, client):
    world.territory.forbidden_words = "arnaque"
    comment = make.comment(world.proposal, world.residents[0], body="Bonne idée.")
    as_user(world.residents[0])
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Une arnaque."})
    assert response.status_code == 302
    assert told("moderation_queue") == {world.moderator.id: 1, world.admin.id: 1}


def test_a_report_tells_the_team_once_while_reports_are_open(world, as_user, client):
    first, second, third = world.residents
    as_user(first)
    assert report(client, "proposal", world.proposal.id, details="Écrit par Resident 0").status_code == 302
    assert told("item_reported") == {world.moderator.id: 1, world.admin.id: 1}
    assert mailed() == sorted([world.moderator.email, world.admin.email])  # at once: not Alice, not the reporter

    as_user(second)
    assert report(client, "proposal", world.proposal.id).status_code == 302
    assert told("item_reported") == {world.moderator.id: 1, world.admin.id: 1}  # no second notice
    assert len(mailed()) == 2

    # the moderator reads it without learning who reported
    as_user(world.moderator)
    html = centre(client)
    assert 'A proposal was reported in Villeneuve: “<span lang="fr">Un jardin partagé</span>”.' in html
    assert "Resident 0" not in html and "Resident 1" not in html
    [notice] = notices(world.moderator, "item_reported")
    assert first.id not in notice.payload.values() and second.id not in notice.payload.values()
    assert notice.url == f"/moderation/item/proposal/{world.proposal.id}"
    text = db.session.scalars(db.select(OutgoingMail.text_body).where(
        OutgoingMail.recipient == world.moderator.email)).one()
    assert "Resident" not in text

    # once the reports are closed, a new one tells the team again
    response = client.post("/moderation/act", data={"target_type": "proposal", "target_id": world.proposal.id,
                                                    "action": "dismiss",
                                                    "seen_report": reports_shown("proposal", world.proposal.id)})
    assert response.status_code == 302
    as_user(third)
    assert report(client, "proposal", world.proposal.id).status_code == 302
    assert told("item_reported") == {world.moderator.id: 2, world.admin.id: 2}


def test_a_member_of_the_team_who_reports_is_not_told_of_it(world, make, as_user, client):
    comment = make.comment(world.proposal, world.residents[0], body="Propos douteux.")
    as_user(world.admin)
    assert report(client, "comment", comment.id).status_code == 302
    assert told("item_reported") == {world.moderator.id: 1}
    as_user(world.moderator)
    assert 'A comment on “<span lang="fr">Un jardin partagé</span>” was reported in Villeneuve.' in centre(client)


def test_a_reported_person_is_named_on_the_moderation_page_only(world, as_user, client):
    as_user(world.residents[0])
    response = client.post(f"/moderation/report/user/{world.alice.id}?territory=villeneuve",
                           data={"reason": "harassment"})
    assert response.status_code == 302
    [notice] = notices(world.moderator, "item_reported")
    assert notice.url == f"/moderation/item/user/{world.alice.id}?territory={world.territory.id}"
    as_user(world.moderator)
    html = centre(client)
    assert "A person was reported in Villeneuve." in html and "Alice Martin" not in html
    assert "Alice Martin" in client.get(notice.url).get_data(as_text=True)


def test_a_blocked_moderator_is_not_told(world, as_user, client):
    from datetime import timedelta

    from consult.database import utcnow

    world.moderator.blocked_until = utcnow() + timedelta(days=3)
    db.session.commit()
    as_user(world.residents[0])
    report(client, "proposal", world.proposal.id)
    assert told("item_reported") == {world.admin.id: 1}


def test_an_appeal_tells_the_team_but_not_the_moderator_whose_decision_it_contests(world, as_user, client):
    hide = hidden_by_moderator(world, as_user, client)
    as_user(world.alice)
    response = send_appeal(client, hide, "Ce n'est pas de la publicité.")
    assert response.status_code == 302
    appeal = db.session.scalar(db.select(Appeal))
    assert told("appeal_filed") == {world.admin.id: 1}
    assert world.admin.email in mailed() and world.moderator.email not in mailed()
    as_user(world.admin)
    assert ('An appeal against a decision about “<span lang="fr">Un jardin partagé</span>” awaits review in Villeneuve.'
            in centre(client))
    [notice] = notices(world.admin, "appeal_filed")
    assert notice.url == f"/moderation/appeals/{appeal.id}"
    assert client.get(notice.url).status_code == 200


def test_the_team_chooses_how_it_hears(world, as_user, client):
    as_user(world.moderator)
    html = client.get("/me/notifications/preferences").get_data(as_text=True)
    assert "As a member of a territory's team" in html
    assert '<option selected value="daily">Daily digest</option>' in html  # the queue's default
    assert 'name="moderation_queue"' in html and 'name="item_reported"' in html and 'name="appeal_filed"' in html
    assert client.post("/me/notifications/preferences", data={"item_reported": "never"}).status_code == 302
    as_user(world.residents[0])
    page = client.get("/me/notifications/preferences").get_data(as_text=True)
    assert 'name="item_reported"' not in page and "territory's team" not in page
    report(client, "proposal", world.proposal.id)
    # still in the moderator's notification centre, but not mailed to them
    assert [n.email_state for n in notices(world.moderator, "item_reported")] == ["skipped"]
    assert mailed() == [world.admin.email]


def unread(kind):
    """{user id: unread notices of `kind`}."""
    rows = db.session.execute(db.select(Notification.user_id, db.func.count()).where(
        Notification.kind == kind, Notification.read_at.is_(None)).group_by(Notification.user_id)).all()
    return dict(rows)


def test_an_item_handled_by_one_of_the_team_is_settled_for_all_and_left_out_of_the_digests(
        world, premoderated, make, as_user, client):
    as_user(world.alice)
    client.post(f"/consultations/{premoderated.id}/proposals/new", data={
        "title": "Un composteur de quartier", "body": "Installer un composteur près de l'école.",
        "category": str(premoderated.categories[0].id), "action": "publish"})
    held = db.session.scalars(db.select(Notification.payload).where(Notification.kind == "moderation_queue")).first()
    as_user(world.residents[0])
    report(client, "proposal", world.proposal.id)
    assert unread("moderation_queue") == unread("item_reported") == {world.moderator.id: 1, world.admin.id: 1}

    as_user(world.moderator)
    client.post("/moderation/act", data={"target_type": "proposal", "target_id": held["target_id"],
                                         "action": "approve"})
    assert unread("moderation_queue") == {} and unread("item_reported") == {world.moderator.id: 1, world.admin.id: 1}
    assert "1 unread notification" in client.get("/me/notifications").text  # the report's, left to handle
    assert send_digests(force=True) == 0  # the held proposal's notices were waiting for the daily digest

    client.post("/moderation/act", data={"target_type": "proposal", "target_id": world.proposal.id,
                                         "action": "dismiss", "seen_report": reports_shown("proposal", world.proposal.id)})
    assert unread("item_reported") == {}


def test_a_held_comment_deleted_by_its_author_is_settled_and_left_out_of_the_digests(
        world, premoderated, make, as_user, client):
    proposal = make.proposal(premoderated, world.alice, title="Des bancs", status="published")
    as_user(world.residents[0])
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": "Un texte à reprendre."})
    held = int(response.headers["Location"].rsplit("#comment-", 1)[1])
    assert unread("moderation_queue") == {world.moderator.id: 1, world.admin.id: 1}
    assert client.post(f"/comments/{held}/delete").status_code == 302

    assert unread("moderation_queue") == {}
    as_user(world.moderator)
    assert "No unread notification." in centre(client)
    assert send_digests(force=True) == 0 and mailed() == []


def test_an_appeal_decided_is_settled_for_the_rest_of_the_team(world, make, as_user, client):
    second_admin = make.user(name="Deuxième admin")
    make.member(second_admin, world.territory, "admin")
    hide = hidden_by_moderator(world, as_user, client)
    as_user(world.alice)
    send_appeal(client, hide, "Ce n'est pas de la publicité.")
    assert unread("appeal_filed") == {world.admin.id: 1, second_admin.id: 1}
    appeal = db.session.scalar(db.select(Appeal))
    as_user(world.admin)
    response = client.post(f"/moderation/appeals/{appeal.id}", data={"decision": "confirmed",
                                                                       "decision_text": "Confirmé."})
    assert response.status_code == 302
    assert unread("appeal_filed") == {}
