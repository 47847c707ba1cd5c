"""The same proposal sent twice by its author (a double click on Publish without JavaScript, the
form sent again after a slow answer, an API call repeated when its answer was lost) is posted
once: the repeat is answered with the proposal already posted, which is told once and counted
once against the limit per person."""
from datetime import timedelta

import pytest

from consult.extensions import db
from consult.notifications.models import Notification
from consult.notifications.services import follow
from consult.proposals.models import Proposal

TEXT = {"title": "Des pistes cyclables partout", "body": "Créer des pistes cyclables séparées vers les écoles."}


def publish(client, consultation, **over):
    return client.post(f"/consultations/{consultation.id}/proposals/new", follow_redirects=True,
                       data={**TEXT, "category": str(consultation.categories[0].id), "action": "publish", **over})


def proposals():
    return db.session.scalars(db.select(Proposal).order_by(Proposal.id)).all()


def notices_of(user):
    return db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.user_id == user.id))


@pytest.fixture
def consultation(make):
    consultation = make.consultation(phase="proposals", max_proposals_per_person=1)
    make.category(consultation)
    return consultation


def test_a_double_click_on_publish_posts_one_proposal_told_once(client, make, login, consultation):
    follower = make.user()
    follow(follower, "consultation", consultation.id)
    login(make.user())
    first = publish(client, consultation)
    again = publish(client, consultation)  # the second click: not refused by the limit of one proposal
    [proposal] = proposals()
    for page in (first, again):
        assert page.status_code == 200 and page.request.path == f"/proposals/{proposal.id}"
        assert "Your proposal is published." in page.text
    assert notices_of(follower) == 1


def test_a_repeat_does_not_use_up_the_limit_per_person(client, make, login, consultation):
    consultation.max_proposals_per_person = 2
    login(make.user())
    publish(client, consultation)
    publish(client, consultation)
    other = publish(client, consultation, title="Un verger partagé le long du canal")
    assert other.status_code == 200 and "Your proposal is published." in other.text
    assert [p.title for p in proposals()] == [TEXT["title"], "Un verger partagé le long du canal"]


def test_a_repeat_awaiting_moderation_lands_on_the_proposal_that_awaits(client, make, login):
    consultation = make.consultation(phase="proposals", moderation="pre")
    make.category(consultation)
    login(make.user())
    publish(client, consultation)
    again = publish(client, consultation)
    [proposal] = proposals()
    assert proposal.status == "pending" and again.request.path == f"/proposals/{proposal.id}"
    assert "Your proposal awaits moderation." in again.text


@pytest.mark.parametrize("earlier", ["posted three minutes ago", "withdrawn"])
def test_the_same_proposal_is_posted_again_once_the_first_is_no_longer_a_moment_ago(
        client, make, login, consultation, earlier):
    consultation.max_proposals_per_person = 0
    login(make.user())
    publish(client, consultation)
    [first] = proposals()
    if earlier == "withdrawn":
        first.status = "withdrawn"
    else:
        first.created_at -= timedelta(minutes=3)
    db.session.commit()
    again = publish(client, consultation)
    assert len(proposals()) == 2 and again.request.path == f"/proposals/{proposals()[1].id}"


def test_the_preview_of_the_same_text_is_still_shown(client, make, login, consultation):
    """Only Publish is answered with the proposal: the form's other steps go on as before."""
    login(make.user())
    publish(client, consultation)
    consultation.max_proposals_per_person = 2
    db.session.commit()
    preview = publish(client, consultation, action="preview")
    assert preview.status_code == 200 and 'value="publish"' in preview.text


def test_an_api_post_repeated_is_answered_with_the_proposal_already_posted(client, make, consultation, token_for):
    headers, url = token_for(make.user()), f"/api/v1/consultations/{consultation.id}/proposals"
    sent = {**TEXT, "category_id": consultation.categories[0].id}
    first = client.post(url, json=sent, headers=headers)
    # the same text, sent by a client that retries (spaces around are not the author's words)
    again = client.post(url, json={**sent, "title": f" {TEXT['title']} "}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert len(proposals()) == 1
    consultation.max_proposals_per_person = 0
    db.session.commit()
    other = client.post(url, json={**sent, "body": "Des pistes cyclables séparées vers tous les collèges."},
                        headers=headers)
    assert other.status_code == 201 and other.get_json()["id"] != first.get_json()["id"]
