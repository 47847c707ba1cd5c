"""Proposals through the API: list, post, read, edit, withdraw, answer — and every refusal."""
import pytest

from consult.extensions import db
from consult.proposals.models import Proposal

from ..helpers import count_queries

BODY = {"title": "Des bancs dans le parc", "body": "Installer des bancs ombragés près de l'aire de jeux."}


@pytest.fixture
def setup(make):
    territory = make.territory(slug="agen")
    consultation = make.consultation(territory, phase="proposals")
    return territory, consultation


def test_anonymous_list_with_envelope_and_fields(client, make, setup):
    _t, consultation = setup
    p = make.proposal(consultation, title="Pistes cyclables vers les écoles")
    body = client.get(f"/api/v1/consultations/{consultation.id}/proposals").get_json()
    assert body["total"] == 1 and body["page"] == 1 and body["per_page"] == 20
    item = body["items"][0]
    assert item["id"] == p.id and item["consultation_id"] == consultation.id
    assert item["author"] == {"display_name": p.author.display_name}
    assert item["votes"] == {"for": 0, "against": 0, "abstain": 0} and item["comments_count"] == 0
    assert "email" not in str(body)


def test_search_and_sort(client, make, setup):
    _t, c = setup
    make.proposal(c, title="Un marché de producteurs locaux", body="Le samedi matin sur la place du village.")
    bike = make.proposal(c, title="Pistes cyclables vers les écoles", body="Sécuriser les trajets des enfants.")
    found = client.get(f"/api/v1/consultations/{c.id}/proposals?q=ecole").get_json()["items"]
    assert [p["id"] for p in found] == [bike.id]
    assert client.get(f"/api/v1/consultations/{c.id}/proposals?sort=sideways").status_code == 422


def test_the_proposals_still_to_answer(client, make, setup):
    _t, c = setup
    waiting = make.proposal(c, title="Un marché de producteurs locaux")
    make.proposal(c, title="Des pistes cyclables", answer_state="accepted")
    make.proposal(c, title="Un banc retiré", status="withdrawn")
    found = client.get(f"/api/v1/consultations/{c.id}/proposals?status=unanswered").get_json()["items"]
    assert [p["id"] for p in found] == [waiting.id]


def test_resident_posts_a_proposal(client, make, setup, token_for):
    _t, consultation = setup
    response = client.post(f"/api/v1/consultations/{consultation.id}/proposals", json=BODY,
                           headers=token_for(make.user()))
    assert response.status_code == 201
    assert response.get_json()["status"] == "published"
    assert db.session.scalar(db.select(Proposal)).title == BODY["title"]


def test_a_title_sent_on_several_lines_is_kept_on_one_as_on_the_site(client, make, setup, token_for):
    """A title goes on one line wherever it is shown, the mails' plain text included: line
    breaks and tabs sent in it (or in the address) read as spaces."""
    _t, consultation = setup
    headers = token_for(make.user())
    sent = {**BODY, "title": "Des bancs\r\n\r\nVotre compte sera fermé :\thttps://evil.example",
            "address": "Place\nde la mairie"}
    response = client.post(f"/api/v1/consultations/{consultation.id}/proposals", json=sent, headers=headers)
    assert response.status_code == 201
    assert response.get_json()["title"] == "Des bancs Votre compte sera fermé : https://evil.example"
    assert response.get_json()["address"] == "Place de la mairie"
    again = client.patch(f"/api/v1/proposals/{response.get_json()['id']}", headers=headers,
                         json={"title": "Des bancs\u2028à l'ombre"})
    assert again.get_json()["title"] == "Des bancs à l'ombre"


def test_a_proposal_is_in_the_request_s_language_as_on_the_site(client, make, setup, token_for):
    """Someone with no saved language, writing in English: their proposal is marked English, as
    the site marks one written on its English pages."""
    _t, consultation = setup
    english = {"title": "Benches in the park", "body": "Shaded benches near the playground."}
    response = client.post(f"/api/v1/consultations/{consultation.id}/proposals", json=english,
                           headers={**token_for(make.user()), "Accept-Language": "en"})
    assert response.get_json()["language"] == "en"
    page = client.get(f"/proposals/{response.get_json()['id']}", headers={"Accept-Language": "fr"}).text
    assert '<h1 id="proposal-title" lang="en">Benches in the park</h1>' in page


@pytest.mark.parametrize("payload, field", [
    ({"title": "Court", "body": BODY["body"]}, "title"),
    ({"title": BODY["title"], "body": "trop court"}, "body"),
    ({**BODY, "latitude": 91, "longitude": 2}, "latitude"),
    ({**BODY, "latitude": 45.0}, "latitude"),
])
def test_bad_input_is_422_with_the_field_and_nothing_saved(client, make, setup, token_for, payload, field):
    _t, consultation = setup
    response = client.post(f"/api/v1/consultations/{consultation.id}/proposals", json=payload,
                           headers=token_for(make.user()))
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert db.session.scalar(db.select(Proposal)) is None


def test_write_refusals(client, make, setup, token_for):
    territory, consultation = setup
    url = f"/api/v1/consultations/{consultation.id}/proposals"
    assert client.post(url, json=BODY).status_code == 401
    assert client.post(url, json=BODY, headers=token_for(make.user(), "read")).status_code == 403
    assert client.post(url, json=BODY, headers=token_for(make.user(confirmed=False))).status_code == 403
    closed = make.consultation(territory, phase="vote")
    response = client.post(f"/api/v1/consultations/{closed.id}/proposals", json=BODY,
                           headers=token_for(make.user()), environ_base={"HTTP_ACCEPT_LANGUAGE": "en"})
    assert response.status_code == 403 and "proposal" in response.get_json()["error"]["message"]
    assert db.session.scalar(db.select(Proposal)) is None


def test_withdrawn_proposals_count_against_the_limit_as_on_the_site(client, make, setup, token_for):
    territory, _c = setup
    consultation = make.consultation(territory, phase="proposals", max_proposals_per_person=1)
    author = make.user()
    make.proposal(consultation, author, status="withdrawn")
    response = client.post(f"/api/v1/consultations/{consultation.id}/proposals", json=BODY,
                           headers=token_for(author))
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count(Proposal.id))) == 1


def test_author_edits_until_first_vote_and_others_cannot(client, make, setup, token_for):
    _t, consultation = setup
    author = make.user()
    p = make.proposal(consultation, author)
    headers = token_for(author)
    response = client.patch(f"/api/v1/proposals/{p.id}", json={"title": "Des bancs et des arbres"}, headers=headers)
    assert response.status_code == 200 and response.get_json()["title"] == "Des bancs et des arbres"
    assert client.patch(f"/api/v1/proposals/{p.id}", json={"title": "Une autre idée ici"},
                        headers=token_for(make.user())).status_code == 403
    p.votes_for = 1
    db.session.commit()
    assert client.patch(f"/api/v1/proposals/{p.id}", json={"title": "Encore un autre titre"},
                        headers=headers).status_code == 403


def test_withdraw_during_the_proposals_phase(client, make, setup, token_for):
    _t, consultation = setup
    author = make.user()
    p = make.proposal(consultation, author)
    assert client.post(f"/api/v1/proposals/{p.id}/withdraw", headers=token_for(make.user())).status_code == 403
    response = client.post(f"/api/v1/proposals/{p.id}/withdraw", headers=token_for(author))
    assert response.status_code == 200 and response.get_json()["status"] == "withdrawn"


def test_the_winner_cannot_be_withdrawn_once_the_consultation_is_archived(client, make, token_for):
    consultation = make.consultation(phase="vote", status="archived")
    author = make.user()
    winner = make.proposal(consultation, author, title="Un jardin partagé", votes_for=5)
    make.proposal(consultation, title="Des bancs dans le parc", votes_for=2)
    url = f"/api/v1/consultations/{consultation.id}/results"
    before = client.get(url).get_json()["proposals"]
    response = client.post(f"/api/v1/proposals/{winner.id}/withdraw", headers=token_for(author),
                           environ_base={"HTTP_ACCEPT_LANGUAGE": "en"})
    assert response.status_code == 403
    assert response.get_json()["error"]["message"] == (
        "This proposal can no longer be withdrawn: the vote of this consultation is over, or the consultation "
        "is closed, and its results stay as they were.")
    db.session.expire_all()
    assert db.session.get(Proposal, winner.id).status == "published"
    assert client.get(url).get_json()["proposals"] == before
    assert before[0]["title"] == "Un jardin partagé"


def test_the_author_edits_only_while_proposals_are_collected(client, make, token_for):
    author = make.user()
    p = make.proposal(make.consultation(phase="vote"), author)
    response = client.patch(f"/api/v1/proposals/{p.id}", json={"title": "Un titre changé pendant le vote"},
                            headers=token_for(author), environ_base={"HTTP_ACCEPT_LANGUAGE": "en"})
    assert response.status_code == 403
    assert response.get_json()["error"]["message"] == (
        "Proposals can be edited only while the proposals phase of this consultation is open: "
        "see its timeline for the dates.")
    assert client.post(f"/api/v1/proposals/{p.id}/withdraw", headers=token_for(author)).status_code == 200


def test_official_answer_by_the_territory_admin_only(client, make, setup, token_for):
    territory, consultation = setup
    p = make.proposal(consultation)
    answer = {"state": "accepted", "text": {"fr": "Nous l'installerons au printemps."}}
    other_admin = make.member(make.user(), make.territory(), "admin")
    assert client.put(f"/api/v1/proposals/{p.id}/answer", json=answer,
                      headers=token_for(other_admin)).status_code == 403
    admin = make.member(make.user(), territory, "admin")
    response = client.put(f"/api/v1/proposals/{p.id}/answer", json=answer, headers=token_for(admin))
    assert response.status_code == 200
    assert response.get_json()["answer"]["state"] == "accepted"
    bad = client.put(f"/api/v1/proposals/{p.id}/answer", json={"state": "maybe", "text": {"fr": "x"}},
                     headers=token_for(admin))
    assert bad.status_code == 422 and "state" in bad.get_json()["error"]["fields"]


def test_the_same_answer_sent_again_adds_nothing_to_the_history(client, make, setup, token_for):
    """A request repeated when its answer was lost: the history keeps one answer, and the
    proposal is given back as it is; a corrected justification is a new answer."""
    territory, consultation = setup
    p = make.proposal(consultation)
    admin = make.member(make.user(), territory, "admin")
    answer = {"state": "accepted", "text": {"fr": "Nous l'installerons au printemps.", "en": "In the spring."}}
    url = f"/api/v1/proposals/{p.id}/answer"
    for _ in range(2):
        response = client.put(url, json=answer, headers=token_for(admin))
        assert response.status_code == 200 and response.get_json()["answer"]["state"] == "accepted"
    db.session.expire_all()
    assert len(db.session.get(Proposal, p.id).answers) == 1
    answer["text"]["fr"] = "Nous l'installerons au printemps prochain."
    assert client.put(url, json=answer, headers=token_for(admin)).status_code == 200
    db.session.expire_all()
    assert len(db.session.get(Proposal, p.id).answers) == 2


def test_a_withdrawn_proposal_is_not_answered(client, make, setup, token_for):
    territory, consultation = setup
    p = make.proposal(consultation, status="withdrawn")
    admin = make.member(make.user(), territory, "admin")
    answer = {"state": "accepted", "text": {"fr": "Nous l'installerons au printemps."}}
    response = client.put(f"/api/v1/proposals/{p.id}/answer", json=answer, headers=token_for(admin))
    assert response.status_code == 409
    assert "Only a published proposal can be answered officially" in response.get_json()["error"]["message"]
    assert client.get(f"/api/v1/proposals/{p.id}").get_json()["answer"] is None


def test_hidden_proposal_is_not_returned_to_strangers(client, make, setup, token_for):
    _t, consultation = setup
    author = make.user()
    p = make.proposal(consultation, author, status="hidden")
    assert client.get(f"/api/v1/proposals/{p.id}").status_code == 404
    assert client.get(f"/api/v1/proposals/{p.id}", headers=token_for(author, "read")).status_code == 200
    assert client.get(f"/api/v1/consultations/{consultation.id}/proposals").get_json()["total"] == 0


def test_listing_queries_do_not_grow_with_answered_proposals(client, make, setup):
    from consult.proposals.models import ProposalAnswer

    _t, consultation = setup

    def count_for(n):
        for _ in range(n):
            p = make.proposal(consultation, answer_state="accepted")
            db.session.add(ProposalAnswer(proposal=p, state="accepted", text={"fr": "Oui."}))
        db.session.commit()
        with count_queries() as counter:
            body = client.get(f"/api/v1/consultations/{consultation.id}/proposals?per_page=100").get_json()
        assert all(item["answer"]["state"] == "accepted" for item in body["items"])
        return counter.count

    assert count_for(2) == count_for(10)
