"""Posting through the API counts against the account's POST_RATE_LIMIT, shared with the site:
neither a second token nor the API adds quota; nobody else's is touched. The API's 429 is its
JSON error, translated, with Retry-After."""
import pytest

from consult.api.auth import create_token
from consult.extensions import db
from tests.factories import Factory

PROPOSAL = {"title": "Des bancs dans le parc", "body": "Installer des bancs ombragés près de l'aire de jeux."}


@pytest.fixture
def limited(limited_app_with):
    """An app with a post limit of 3 a minute, a proposal open to comments, and Bob."""
    app = limited_app_with(POST_RATE_LIMIT="3 per minute")
    make = Factory()
    consultation = make.consultation(phase="proposals")
    proposal = make.proposal(consultation, make.user())
    return app.test_client(), make, consultation, proposal, make.user(name="Bob Durand")


def bearer(user):
    raw = create_token(user, "script", "write")[1]
    db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def signed_in(client, user):
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = Factory().signed_in(user).get_id(), True
    return client


def comment_by_api(client, proposal, headers, text="Bonne idée, je soutiens."):
    return client.post(f"/api/v1/proposals/{proposal.id}/comments", json={"body": text}, headers=headers)


def test_the_site_and_the_api_share_the_person_s_quota(limited):
    client, _make, _c, proposal, bob = limited
    site = signed_in(client, bob)
    assert [site.post(f"/proposals/{proposal.id}/comments", data={"body": f"Commentaire {i}"}).status_code
            for i in range(2)] == [302, 302]
    token = bearer(bob)
    assert comment_by_api(client, proposal, token).status_code == 201
    response = comment_by_api(client, proposal, token, "Encore un commentaire")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"] == {
        "code": 429, "message": "You did this too many times in a short while. You may try again in 1 minute.",
        "fields": {}}
    french = comment_by_api(client, proposal, {**token, "Accept-Language": "fr"})
    assert french.get_json()["error"]["message"] == (
        "Vous l’avez fait trop de fois en peu de temps. Vous pourrez réessayer dans 1\u00a0minute.")
    # and back on the site, with the address's own counter for this page not yet spent
    assert site.post(f"/proposals/{proposal.id}/comments", data={"body": "Par le site"}).status_code == 429


def test_a_second_token_adds_no_quota_and_another_person_is_unaffected(limited):
    client, make, _c, proposal, bob = limited
    first, second = bearer(bob), bearer(bob)
    assert [comment_by_api(client, proposal, first).status_code for _ in range(3)] == [201] * 3
    assert comment_by_api(client, proposal, second).status_code == 429
    alice = make.user(name="Alice Martin")
    assert comment_by_api(client, proposal, bearer(alice)).status_code == 201
    elsewhere = signed_in(client.application.test_client(), alice)  # her browser, on another network
    assert elsewhere.post(f"/proposals/{proposal.id}/comments", data={"body": "Depuis le site"},
                          environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 302


def test_proposals_edits_and_reports_count_votes_do_not(limited):
    """As on the site: posting and editing proposals, comments and reports are limited, votes are not."""
    client, make, consultation, proposal, bob = limited
    in_vote = make.proposal(make.consultation(phase="vote"), make.user())
    token = bearer(bob)
    posted = client.post(f"/api/v1/consultations/{consultation.id}/proposals", json=PROPOSAL, headers=token)
    assert posted.status_code == 201
    mine = posted.get_json()["id"]
    assert client.patch(f"/api/v1/proposals/{mine}", json={"title": "Des bancs à l'ombre"},
                        headers=token).status_code == 200
    assert client.post("/api/v1/reports", json={"target_type": "proposal", "target_id": proposal.id,
                                                "reason": "spam"}, headers=token).status_code == 201
    assert client.post("/api/v1/reports", json={"target_type": "proposal", "target_id": in_vote.id,
                                                "reason": "spam"}, headers=token).status_code == 429
    assert client.get(f"/api/v1/proposals/{mine}", headers=token).status_code == 200  # reading is never limited
    assert client.put(f"/api/v1/proposals/{in_vote.id}/vote", json={"value": 1}, headers=token).status_code == 200
