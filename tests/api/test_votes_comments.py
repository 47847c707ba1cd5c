"""Votes and comments through the API."""
import pytest

from consult.comments.models import Comment
from consult.extensions import db
from consult.votes.models import Vote


@pytest.fixture
def vote_setup(make):
    consultation = make.consultation(make.territory(), phase="vote", max_votes=2)
    return consultation, [make.proposal(consultation) for _ in range(3)]


def test_support_then_withdraw(client, make, vote_setup, token_for):
    _c, (p, *_rest) = vote_setup
    headers = token_for(make.user())
    response = client.put(f"/api/v1/proposals/{p.id}/vote", json={"value": 1}, headers=headers)
    assert response.status_code == 200
    assert response.get_json()["votes"]["for"] == 1 and response.get_json()["votes_left"] == 1
    # a client that repeats a request whose answer it lost gets the same answer, nothing counted twice
    again = client.put(f"/api/v1/proposals/{p.id}/vote", json={"value": 1}, headers=headers)
    assert again.status_code == 200 and again.get_json() == response.get_json()
    assert client.delete(f"/api/v1/proposals/{p.id}/vote", headers=headers).get_json()["votes"]["for"] == 0
    gone = client.delete(f"/api/v1/proposals/{p.id}/vote", headers=headers)  # no vote (any more) to withdraw
    assert gone.status_code == 404 and "nothing to withdraw" in gone.get_json()["error"]["message"]


def test_the_same_vote_again_with_no_vote_left_is_answered_as_the_first(client, make, token_for):
    p = make.proposal(make.consultation(make.territory(), phase="vote", vote_mode="for_against", max_votes=1))
    headers, url = token_for(make.user()), f"/api/v1/proposals/{p.id}/vote"
    first = client.put(url, json={"value": -1}, headers=headers)
    again = client.put(url, json={"value": -1}, headers=headers)
    assert again.status_code == 200 and again.get_json() == first.get_json() == {
        "proposal_id": p.id, "value": -1, "votes": {"for": 0, "against": 1, "abstain": 0}, "votes_left": 0}
    changed = client.put(url, json={"value": 0}, headers=headers)  # a change still needs no vote left
    assert changed.status_code == 200 and changed.get_json()["votes"] == {"for": 0, "against": 0, "abstain": 1}
    assert db.session.scalar(db.select(db.func.count(Vote.id)).where(Vote.proposal_id == p.id)) == 1


def test_limit_value_and_rights(client, make, vote_setup, token_for):
    _c, proposals = vote_setup
    headers = token_for(make.user())
    for p in proposals[:2]:
        assert client.put(f"/api/v1/proposals/{p.id}/vote", json={"value": 1}, headers=headers).status_code == 200
    over = client.put(f"/api/v1/proposals/{proposals[2].id}/vote", json={"value": 1}, headers=headers)
    assert over.status_code == 409 and over.get_json()["error"]["message"]
    assert client.put(f"/api/v1/proposals/{proposals[2].id}/vote", json={"value": -1},
                      headers=token_for(make.user())).status_code == 422
    assert client.put(f"/api/v1/proposals/{proposals[2].id}/vote", json={"value": 7},
                      headers=token_for(make.user())).status_code == 422
    assert client.put(f"/api/v1/proposals/{proposals[2].id}/vote", json={"value": 1}).status_code == 401
    assert db.session.scalar(db.select(db.func.count(Vote.id))) == 2


def test_vote_outside_the_phase_is_403(client, make, token_for):
    p = make.proposal(make.consultation(phase="proposals"))
    assert client.put(f"/api/v1/proposals/{p.id}/vote", json={"value": 1},
                      headers=token_for(make.user())).status_code == 403


def test_comment_reply_and_list(client, make, token_for):
    p = make.proposal(make.consultation(phase="proposals"))
    headers = token_for(make.user(name="Chloé"))
    first = client.post(f"/api/v1/proposals/{p.id}/comments", json={"body": "Très bonne idée !", "stance": "for"},
                        headers=headers)
    assert first.status_code == 201
    reply = client.post(f"/api/v1/proposals/{p.id}/comments",
                        json={"body": "Je ne suis pas d'accord.", "stance": "against",
                              "parent_id": first.get_json()["id"]}, headers=headers)
    assert reply.status_code == 201 and reply.get_json()["depth"] == 2
    body = client.get(f"/api/v1/proposals/{p.id}/comments").get_json()
    assert body["total"] == 2 and body["items"][0]["author"] == {"display_name": "Chloé"}
    assert client.get(f"/api/v1/proposals/{p.id}").get_json()["comments_count"] == 2


def test_a_comment_is_in_the_request_s_language_as_on_the_site(client, make, token_for):
    """Someone with no saved language, writing in English: the French page marks their comment
    English, for screen readers."""
    p = make.proposal(make.consultation(phase="proposals"))
    client.post(f"/api/v1/proposals/{p.id}/comments", json={"body": "A very good idea."},
                headers={**token_for(make.user()), "Accept-Language": "en"})
    page = client.get(f"/proposals/{p.id}", headers={"Accept-Language": "fr"}).text
    assert '<div class="markdown comment-body" lang="en"><p>A very good idea.</p>' in page


def test_comment_refusals(client, make, token_for):
    p = make.proposal(make.consultation(phase="proposals"))
    url = f"/api/v1/proposals/{p.id}/comments"
    assert client.post(url, json={"body": "Bonjour à tous"}).status_code == 401
    bad = client.post(url, json={"body": "ok", "stance": "maybe"}, headers=token_for(make.user()))
    assert bad.status_code == 422 and "stance" in bad.get_json()["error"]["fields"]
    assert client.post(url, json={"body": "Bonjour à tous", "parent_id": 999},
                       headers=token_for(make.user())).status_code == 422
    off = make.proposal(make.consultation(phase="proposals", comments_enabled=False))
    assert client.post(f"/api/v1/proposals/{off.id}/comments", json={"body": "Bonjour à tous"},
                       headers=token_for(make.user())).status_code == 403
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0


def test_a_held_comment_stands_unavailable_in_place_for_its_replies(client, make, token_for):
    """As on the site: a client can rebuild the thread without learning what was held, or why."""
    p = make.proposal(make.consultation(phase="proposals"))
    author, replier = make.user(name="Chloé"), make.user(name="Dan")
    top = make.comment(p, author, body="Un avis rejeté par la modération.", status="rejected")
    reply = make.comment(p, replier, body="Une réponse publiée.", parent=top)
    alone = make.comment(p, author, body="Un autre avis rejeté, sans réponse.", status="rejected")
    items = client.get(f"/api/v1/proposals/{p.id}/comments").get_json()["items"]
    assert [(c["id"], c["status"], c["body"], c["author"]) for c in items] == [
        (top.id, "unavailable", None, None), (reply.id, "published", "Une réponse publiée.", {"display_name": "Dan"})]
    assert items[0]["placeholder"] == "This comment is not available."
    mine = client.get(f"/api/v1/proposals/{p.id}/comments", headers=token_for(author)).get_json()["items"]
    assert [(c["id"], c["status"]) for c in mine] == [(top.id, "rejected"), (reply.id, "published"), (alone.id, "rejected")]
