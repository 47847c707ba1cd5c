"""A comment held back by moderation (awaiting approval, rejected) is, for anyone but its author
and the moderators, as if it did not exist; a hidden or deleted one shows, wherever it is quoted,
only what its thread shows: a placeholder, never its author nor its text."""
import re

import pytest

from consult.comments.models import Comment
from consult.database import utcnow
from consult.extensions import db
from consult.moderation.models import ModerationAction

ALICE_SAYS = "Mon avis, en attente des modérateurs"


@pytest.fixture
def client(app):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def held_back(make):
    """A pre-moderated consultation; Alice's comment awaits the moderators; Bob looks on."""
    consultation = make.consultation(phase="proposals", premoderate_comments=True)
    alice, bob = make.user(name="Alice Martin"), make.user(name="Bob Durand")
    proposal = make.proposal(consultation)
    pending = make.comment(proposal, alice, body=ALICE_SAYS, status="pending")
    return proposal, pending, alice, bob


def reply(client, proposal, parent_id, body=""):
    """A reply with bad input (an empty text, unless `body` is given)."""
    return client.post(f"/proposals/{proposal.id}/comments", data={"body": body, "parent_id": parent_id})


def token_for(user):
    from consult.api.auth import create_token

    _token, raw = create_token(user, "tests", "write")
    db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def comments_count():
    return db.session.scalar(db.select(db.func.count(Comment.id)))


def without_tokens(html):
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', html)


def test_a_reply_to_a_comment_awaiting_moderation_is_answered_as_to_none(client, login, held_back):
    proposal, pending, _, bob = held_back
    login(bob)
    response = reply(client, proposal, pending.id)
    missing = reply(client, proposal, pending.id + 1000)
    assert response.status_code == missing.status_code == 422
    # nothing tells the two apart (but the CSRF tokens, signed at the second they were made, and
    # the key under which the browser keeps the reply, which names the comment the person replied to)
    assert (without_tokens(response.text).replace(f":reply:{pending.id}", ":reply:N")
            == without_tokens(missing.text).replace(f":reply:{pending.id + 1000}", ":reply:N"))
    assert "Alice Martin" not in response.text and ALICE_SAYS not in response.text
    assert reply(client, proposal, pending.id, body="Une réponse valable").status_code == 422
    assert comments_count() == 1


def test_a_rejected_comment_is_not_quoted_to_others(client, login, held_back):
    proposal, pending, _, bob = held_back
    pending.status = "rejected"
    db.session.commit()
    login(bob)
    response = reply(client, proposal, pending.id)
    assert response.status_code == 422 and "Alice Martin" not in response.text and ALICE_SAYS not in response.text


def test_its_author_and_the_moderators_see_it_quoted(client, login, make, held_back):
    proposal, pending, alice, _ = held_back
    moderator = make.member(make.user(), proposal.consultation.territory, "moderator")
    for person in (alice, moderator):
        login(person)
        response = reply(client, proposal, pending.id)
        assert response.status_code == 422 and "This comment can no longer receive replies." in response.text
        assert "Alice Martin" in response.text and ALICE_SAYS in response.text  # as their thread shows it


@pytest.mark.parametrize("status, placeholder", [
    ("hidden", "Hidden by moderation — reason: Spam"),
    ("deleted", "Deleted by its author"),
])
def test_a_hidden_or_deleted_comment_is_quoted_as_its_placeholder(client, login, make, held_back, status,
                                                                  placeholder):
    proposal, pending, _, bob = held_back
    pending.status, pending.published_at = status, utcnow()  # published, then taken down
    db.session.add(ModerationAction(territory_id=proposal.consultation.territory_id, target_type="comment",
                                    target_id=pending.id, action="hide", rule="spam"))
    db.session.commit()
    login(bob)
    response = reply(client, proposal, pending.id)
    assert response.status_code == 422 and "This comment can no longer receive replies." in response.text
    assert placeholder in response.text
    assert "Alice Martin" not in response.text and ALICE_SAYS not in response.text
    assert "Alice Martin" not in client.get(f"/proposals/{proposal.id}").text  # as in the thread


def test_the_author_deleting_a_hidden_comment_sees_it_as_the_thread_shows_it(client, login, held_back):
    proposal, pending, alice, _ = held_back
    pending.status = "hidden"
    db.session.commit()
    login(alice)
    page = client.get(f"/comments/{pending.id}/delete")
    assert page.status_code == 200 and "Hidden by moderation — reason: under review" in page.text
    assert ALICE_SAYS not in page.text


def test_its_address_edit_and_delete_pages_are_not_found_for_others(client, login, make, held_back):
    proposal, pending, alice, bob = held_back
    pending.status = "published"
    answer = make.comment(proposal, bob, body="Une réponse publiée", parent=pending)
    pending.status = "pending"  # edited with a forbidden word: back to the moderators
    db.session.commit()
    login(bob)
    for url in (f"/comments/{pending.id}", f"/comments/{pending.id}/edit", f"/comments/{pending.id}/delete"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/comments/{pending.id}/delete").status_code == 404
    assert client.get(f"/comments/{answer.id}").status_code == 302  # the reply under it is shown
    login(alice)
    assert client.get(f"/comments/{pending.id}").status_code == 302  # its author finds it
    db.session.expire_all()
    assert db.session.get(Comment, pending.id).status == "pending"


def test_the_api_answers_a_reply_to_it_as_to_a_comment_that_does_not_exist(client, held_back):
    proposal, pending, _, bob = held_back
    url = f"/api/v1/proposals/{proposal.id}/comments"
    answers = [client.post(url, json={"body": "Je réponds.", "parent_id": parent_id}, headers=token_for(bob))
               for parent_id in (pending.id, pending.id + 1000)]
    assert [a.status_code for a in answers] == [422, 422]
    assert answers[0].get_json() == answers[1].get_json()
    assert answers[0].get_json()["error"]["fields"]["parent_id"] == ["This comment does not exist on this proposal."]
    assert comments_count() == 1
