"""The same comment sent twice by its author (a double click without JavaScript, the form sent
again after a slow answer, an API call repeated when its answer was lost) is posted once: the
repeat is answered with the comment already posted, counted and told once."""
from datetime import timedelta

import pytest

from consult.comments.models import Comment
from consult.extensions import db
from consult.notifications.models import Notification

from ..factories import Factory
from ..helpers import at_once

BODY = "Très bonne idée, je soutiens."


def post(client, proposal, **data):
    return client.post(f"/proposals/{proposal.id}/comments", data={"body": BODY, "follow": "y", **data})


def comments():
    return db.session.scalars(db.select(Comment).order_by(Comment.id)).all()


def notices_of(user):
    return db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.user_id == user.id))


def test_a_double_click_posts_one_comment_counted_and_told_once(client, login, debate, fresh):
    _, proposal, alice, bob = debate
    login(bob)
    first = post(client, proposal, stance="for")
    client.get(first.headers["Location"])  # the first answer's message, as the browser drops it
    again = post(client, proposal, stance="for")
    [comment] = comments()
    assert again.status_code == 302 and again.headers["Location"] == first.headers["Location"]
    assert again.headers["Location"].endswith(f"#comment-{comment.id}")
    assert "Your comment is published." in client.get(again.headers["Location"]).text
    assert fresh(proposal).comments_count == 1
    assert notices_of(alice) == 1


def test_a_reply_sent_twice_is_one_reply_and_the_same_text_elsewhere_is_another_comment(client, login, debate,
                                                                                         make, fresh):
    _, proposal, alice, bob = debate
    parent = make.comment(proposal, alice, body="Et pour les écoles ?")
    login(bob)
    post(client, proposal, parent_id=str(parent.id))
    post(client, proposal, parent_id=str(parent.id))
    post(client, proposal)  # not a reply: another place in the debate
    assert [c.parent_id for c in comments()] == [None, parent.id, None]
    assert fresh(proposal).comments_count == 3


@pytest.mark.parametrize("earlier", ["posted three minutes ago", "deleted"])
def test_the_same_comment_is_posted_again_once_the_first_is_no_longer_a_moment_ago(client, login, debate, earlier):
    _, proposal, _, bob = debate
    login(bob)
    post(client, proposal)
    [first] = comments()
    if earlier == "deleted":
        client.post(f"/comments/{first.id}/delete")
    else:
        first.created_at -= timedelta(minutes=3)
        db.session.commit()
    again = post(client, proposal)
    assert len(comments()) == 2 and again.headers["Location"].endswith(f"#comment-{comments()[1].id}")


def test_an_api_post_repeated_is_answered_with_the_comment_already_posted(client, debate, token_for, fresh):
    _, proposal, _, bob = debate
    headers, url = token_for(bob), f"/api/v1/proposals/{proposal.id}/comments"
    first = client.post(url, json={"body": BODY, "stance": "for"}, headers=headers)
    again = client.post(url, json={"body": f"{BODY}\n", "stance": "for"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert len(comments()) == 1 and fresh(proposal).comments_count == 1


@pytest.mark.parametrize("through", ["site", "api"])
def test_the_same_comment_sent_at_once_is_posted_once(app, debate, token_for, fresh, is_postgres, through):
    """On PostgreSQL, where requests write side by side (SQLite takes them one after the other)."""
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")
    _, proposal, _, bob = debate
    Factory().signed_in(bob)
    if through == "api":
        headers, url = token_for(bob), f"/api/v1/proposals/{proposal.id}/comments"
        codes = at_once(app, lambda client, i: client.post(url, json={"body": BODY}, headers=headers).status_code)
    else:
        session_id = bob.get_id()

        def send(client, i):
            with client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = session_id, True
            return post(client, proposal).status_code
        codes = at_once(app, send)
    assert codes == [201 if through == "api" else 302] * 5
    assert len(comments()) == 1 and fresh(proposal).comments_count == 1


def test_a_repost_with_another_stance_corrects_the_comment_just_posted(client, login, debate, fresh):
    """The person who picked "for" by mistake and sends the comment again with "against" finds
    their comment corrected, once, and told as a change."""
    _, proposal, alice, bob = debate
    login(bob)
    first = post(client, proposal, stance="for")
    client.get(first.headers["Location"])
    again = post(client, proposal, stance="against")
    [comment] = comments()
    assert comment.stance == "against"
    assert again.headers["Location"] == first.headers["Location"]
    assert "Your comment is updated." in client.get(again.headers["Location"]).text
    assert fresh(proposal).comments_count == 1
    assert notices_of(alice) == 1


def test_an_api_repost_with_another_stance_corrects_the_comment_just_posted(client, debate, token_for):
    _, proposal, _, bob = debate
    headers, url = token_for(bob), f"/api/v1/proposals/{proposal.id}/comments"
    first = client.post(url, json={"body": BODY, "stance": "for"}, headers=headers)
    again = client.post(url, json={"body": BODY}, headers=headers)
    assert again.status_code == 201 and again.get_json()["id"] == first.get_json()["id"]
    assert again.get_json()["stance"] is None
    assert [c.stance for c in comments()] == [None]
