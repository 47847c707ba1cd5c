"""The download of a person's data when they took part a lot: the same file as ever, its notices
each told as the notification centre tells them, in a number of statements that does not grow."""
import json
from datetime import datetime

from consult.comments.services import post_comment
from consult.extensions import db
from consult.notifications.models import Notification

from ..helpers import count_queries


def _download(client):
    with count_queries() as counter:
        response = client.get("/me/data.json", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    return response, counter


def test_the_download_is_indented_json_its_accents_as_typed_its_dates_in_utc_to_the_second(client, login, make):
    camille = make.user(name="Camille Hervé", created_at=datetime(2026, 3, 1, 9, 30, 5, 123456))
    make.proposal(make.consultation(), camille, title="Un jardin partagé près de l’école", latitude=48.85661,
                  longitude=2.3522)
    login(camille)
    response, _counter = _download(client)
    data = json.loads(response.data)
    assert response.data == json.dumps(data, ensure_ascii=False, indent=2).encode()  # two spaces, nothing escaped
    assert '"display_name": "Camille Hervé"' in response.text and '"created_at": "2026-03-01T09:30:05Z"' in response.text
    assert (data["proposals"][0]["title"], data["proposals"][0]["latitude"]) == ("Un jardin partagé près de l’école",
                                                                                  48.85661)


def test_many_notices_are_told_as_the_centre_tells_them_in_as_many_statements_as_one(client, login, make):
    """Each notice about a comment on one's proposal is judged by its comment (one query for
    them all), not by its proposal too; a hidden comment's notice says only that."""
    alice, bob = make.user(name="Alice"), make.user(name="Bob")
    consultation = make.consultation()

    def comment_on_a_proposal_of_alice(number):
        proposal = make.proposal(consultation, alice, title=f"Proposition {number}")
        return post_comment(proposal, bob, f"Commentaire {number}")

    login(alice)
    comment_on_a_proposal_of_alice(0)
    db.session.commit()
    _response, one = _download(client)
    comments = [comment_on_a_proposal_of_alice(number) for number in range(1, 30)]
    comments[0].status = "hidden"
    db.session.commit()
    response, many = _download(client)
    assert many.count == one.count
    notices = response.get_json()["notifications"]
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.user_id == alice.id)) == 30
    assert [n["text"] for n in notices] == (
        ["Bob commented on your proposal “Proposition 0”."]
        + ["This notice was about something that is no longer shown: hidden by moderation, or no longer public."]
        + [f"Bob commented on your proposal “Proposition {number}”." for number in range(2, 30)])
    assert notices[1]["url"] is None and notices[2]["url"] == f"/comments/{comments[1].id}"
    assert not [s for s in many.statements if "FROM proposal" in s and "WHERE proposal.id IN" in s]
