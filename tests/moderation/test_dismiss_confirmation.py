"""In the queue, dismissing an item's reports tells each person who reported it, at once and for
good, that no breach was found: its button first asks, with no JavaScript needed (a disclosure
that unfolds the question), and only the second button decides. Restoring a reported item, or
approving one, tells them the same and asks too; approving an item nobody reported stays one click."""
import re

from consult.extensions import db
from consult.moderation.models import Report

from .test_reported_meanwhile import decide, open_reports, stamps, told
from .test_team_notices import report

QUESTION = {1: "The person who reported it will be told that no breach of the charter was found. This cannot be undone.",
            2: "The 2 people who reported it will be told that no breach of the charter was found. This cannot be "
               "undone."}


def card(html, title):
    """The queue's card of the item titled `title`."""
    return next(c for c in html.split('<li class="card moderation-item"')[1:] if title in c)


def asked(html, action):
    """(what the button shows, the question it unfolds, the button that decides) of the decision
    `action` of a card, or None when it decides at once."""
    found = re.search(r'<details class="confirm">\s*<summary[^>]*>([^<]+)</summary>\s*<p>([^<]+)</p>'
                      rf'\s*<form[^>]*>(?:(?!</form>).)*name="action" value="{action}"(?:(?!</form>).)*'
                      r'<button type="submit"[^>]*>([^<]+)</button>', html, re.S)
    return found.groups() if found else None


def buttons(html):
    return re.findall(r'<button type="submit"[^>]*>([^<]+)</button>', html)


def reported_by(world, as_user, client, people, proposal=None):
    for person in people:
        as_user(person)
        assert report(client, "proposal", (proposal or world.proposal).id).status_code == 302


def test_dismissing_from_the_queue_asks_first_then_tells_the_reporters(world, as_user, client):
    reported_by(world, as_user, client, world.residents[:2])
    as_user(world.moderator)
    queue = card(client.get("/moderation/").text, "Un jardin partagé")
    assert asked(queue, "dismiss") == ("Dismiss the reports", QUESTION[2], "Yes, dismiss the reports")
    assert "Dismiss the reports" not in buttons(queue)  # no button dismisses them in one click
    assert open_reports(world) == ["spam", "spam"] and told(world.residents[0]) == []

    answer = decide(client, world, "dismiss", stamps(queue, "dismiss"), next="/moderation/")
    assert answer.status_code == 302 and answer.headers["Location"] == "/moderation/"
    assert "The reports were dismissed." in client.get("/moderation/").text
    assert open_reports(world) == []
    assert len(told(world.residents[0])) == 1 and len(told(world.residents[1])) == 1


def test_restoring_or_approving_a_reported_item_asks_too_approving_an_unreported_one_does_not(world, make, as_user,
                                                                                                client):
    world.territory.report_threshold = 1  # one report hides it
    db.session.commit()
    reported_by(world, as_user, client, world.residents[:1])
    waiting = make.proposal(world.consultation, world.residents[1], title="En attente de validation",
                            status="pending")
    as_user(world.moderator)
    queue = client.get("/moderation/").text
    assert asked(card(queue, "Un jardin partagé"), "restore") == ("Restore", QUESTION[1], "Yes, restore")
    unreported = card(queue, waiting.title)
    assert asked(unreported, "approve") is None and "Approve" in buttons(unreported)

    db.session.add(Report(territory_id=world.territory.id, reporter_id=world.admin.id, target_type="proposal",
                          target_id=waiting.id, reason="off_topic"))  # staff see it, and may report it
    db.session.commit()
    reported = card(client.get("/moderation/").text, waiting.title)
    assert asked(reported, "approve") == ("Approve", QUESTION[1], "Yes, approve")


def test_the_question_is_in_french_on_the_french_queue(world, as_user, client):
    reported_by(world, as_user, client, world.residents[:1])
    as_user(world.moderator)
    queue = card(client.get("/moderation/", headers={"Accept-Language": "fr"}).text, "Un jardin partagé")
    assert asked(queue, "dismiss") == (
        "Classer sans suite",
        "La personne qui a fait le signalement sera informée qu’aucun manquement à la charte n’a été constaté. "
        "Ce choix est définitif.",
        "Oui, classer sans suite")
