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


@pytest.fixture
def two_categories(make, consultation):
    make.category(consultation, fr="Espaces verts", en="Green spaces")
    return consultation


def test_a_repost_in_another_category_corrects_the_proposal_just_posted(client, make, login, two_categories):
    """Back to the form to pick the right category, and Publish again: the proposal just posted
    is corrected, not posted a second time (the limit of one proposal would refuse it)."""
    mobility, green = two_categories.categories
    login(make.user())
    publish(client, two_categories, category=str(mobility.id))
    again = publish(client, two_categories, category=str(green.id))
    [proposal] = proposals()
    assert proposal.category_id == green.id
    assert again.status_code == 200 and again.request.path == f"/proposals/{proposal.id}"
    assert "Your proposal is updated." in again.text and "Green spaces" in again.text


def test_a_repost_with_another_address_corrects_the_proposal_just_posted(client, make, login, consultation):
    login(make.user())
    publish(client, consultation, address="Place de la Mairie")
    publish(client, consultation, address="Place du Marché", latitude="44,4058", longitude="0.7046")
    [proposal] = proposals()
    assert (proposal.address, proposal.latitude, proposal.longitude) == ("Place du Marché", 44.4058, 0.7046)


def test_a_correction_with_a_category_of_another_consultation_is_refused_next_to_the_field(
        client, make, login, two_categories):
    mobility = two_categories.categories[0]
    elsewhere = make.category(make.consultation(phase="proposals"))
    login(make.user())
    publish(client, two_categories, category=str(mobility.id))
    again = publish(client, two_categories, category=str(elsewhere.id))
    assert again.status_code == 422
    assert "Please choose one of the categories of this consultation." in again.text
    [proposal] = proposals()
    assert proposal.category_id == mobility.id


def test_a_repost_in_another_category_is_a_new_proposal_once_the_first_was_voted_on(
        client, make, login, two_categories):
    """A proposal that has received a vote keeps the text and category it was given: the repost
    is a proposal of its own, within the limit per person."""
    mobility, green = two_categories.categories
    two_categories.max_proposals_per_person = 0
    login(make.user())
    publish(client, two_categories, category=str(mobility.id))
    proposals()[0].votes_for = 1
    db.session.commit()
    again = publish(client, two_categories, category=str(green.id))
    assert [p.category_id for p in proposals()] == [mobility.id, green.id]
    assert "Your proposal is published." in again.text


def test_an_api_repost_in_another_category_corrects_the_proposal_just_posted(client, make, two_categories,
                                                                              token_for):
    mobility, green = two_categories.categories
    headers, url = token_for(make.user()), f"/api/v1/consultations/{two_categories.id}/proposals"
    first = client.post(url, json={**TEXT, "category_id": mobility.id}, headers=headers)
    again = client.post(url, json={**TEXT, "category_id": green.id}, headers=headers)
    assert again.status_code == 201 and again.get_json()["id"] == first.get_json()["id"]
    assert again.get_json()["category"]["id"] == green.id
    assert [p.category_id for p in proposals()] == [green.id]
