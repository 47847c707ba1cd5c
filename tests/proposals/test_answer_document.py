"""An official answer resting on one of its consultation's documents (the council's decision):
chosen in the answer form or through the API, linked under the answer for every reader, in the
history and on the results, and in the open data."""
import csv
import io

import pytest

from consult.consultations.models import ConsultationDocument
from consult.extensions import db
from consult.proposals.models import Proposal

from .test_show import answer_data


def add_document(consultation, fr="Délibération du conseil municipal", en="Council decision"):
    document = ConsultationDocument(consultation=consultation, title={"fr": fr, "en": en},
                                    file_path="documents/deliberation.pdf", file_format="pdf", size=240 * 1024)
    db.session.add(document)
    db.session.commit()
    return document


@pytest.fixture
def proposal(make, open_consultation):
    return make.proposal(open_consultation)


@pytest.fixture
def admin(make, login, proposal):
    return login(make.member(make.user(), proposal.consultation.territory, "admin"))


def answers(proposal):
    db.session.expire_all()
    return db.session.get(Proposal, proposal.id).answers


def test_the_answer_links_the_document_it_rests_on_for_every_reader(app, client, make, proposal, admin):
    decision = add_document(proposal.consultation)
    form = client.get(f"/proposals/{proposal.id}").text
    assert "Document it rests on (optional)" in form and "Council decision (PDF, 240 kB)" in form
    r = client.post(f"/proposals/{proposal.id}/answer", data=answer_data(document=str(decision.id)))
    assert r.status_code == 302
    assert answers(proposal)[0].document_id == decision.id
    reader = app.test_client()
    link = f'href="/consultations/{proposal.consultation_id}/documents/{decision.id}"'
    page = reader.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "fr"}).text
    answer = page[page.index('id="official-answer"'):]
    assert link in answer and "Délibération du conseil municipal" in answer and "Document\u00a0:" in answer
    results = reader.get(f"/consultations/{proposal.consultation_id}/results").text
    assert link in results


def test_the_form_starts_from_the_current_document_and_a_new_document_is_a_new_answer(client, proposal, admin):
    study, decision = add_document(proposal.consultation, "Étude", "Study"), add_document(proposal.consultation)
    client.post(f"/proposals/{proposal.id}/answer", data=answer_data(document=str(study.id)))
    page = client.get(f"/proposals/{proposal.id}").text
    assert f'<option selected value="{study.id}">' in page
    assert client.post(f"/proposals/{proposal.id}/answer",
                       data=answer_data(document=str(decision.id))).status_code == 302
    assert [a.document_id for a in answers(proposal)] == [decision.id, study.id]
    history = client.get(f"/proposals/{proposal.id}").text
    history = history[history.index('class="answer-history"'):]
    assert "Study" in history  # the earlier answer keeps its own document


def test_another_consultations_document_is_refused_and_nothing_is_saved(client, make, proposal, admin):
    add_document(proposal.consultation)
    elsewhere = add_document(make.consultation(proposal.consultation.territory))
    for value in (str(elsewhere.id), "not-a-number"):
        r = client.post(f"/proposals/{proposal.id}/answer", data=answer_data(document=value))
        assert r.status_code == 422
        assert "Choose one of the consultation's documents, or none." in r.text
        assert "Le conseil municipal a **voté** ce projet." in r.text  # what was written is given back
    r = client.post(f"/proposals/{proposal.id}/answer", data=answer_data(document=str(elsewhere.id)),
                    headers={"Accept-Language": "fr"})
    assert "Choisissez l’un des documents de la consultation, ou aucun." in r.text
    assert answers(proposal) == []


def test_without_documents_the_form_asks_for_none(client, proposal, admin):
    assert "Document it rests on" not in client.get(f"/proposals/{proposal.id}").text
    assert client.post(f"/proposals/{proposal.id}/answer", data=answer_data()).status_code == 302
    assert answers(proposal)[0].document_id is None


def test_deleting_the_document_leaves_the_answer_without_it(app, client, proposal, admin):
    decision = add_document(proposal.consultation)
    client.post(f"/proposals/{proposal.id}/answer", data=answer_data(document=str(decision.id)))
    db.session.delete(db.session.get(ConsultationDocument, decision.id))
    db.session.commit()
    [answer] = answers(proposal)
    assert answer.document_id is None and answer.text["fr"] == "Le conseil municipal a **voté** ce projet."
    page = app.test_client().get(f"/proposals/{proposal.id}").text
    assert "/documents/" not in page[page.index('id="official-answer"'):]


def test_the_open_data_gives_the_documents_address(client, proposal, admin):
    decision = add_document(proposal.consultation)
    client.post(f"/proposals/{proposal.id}/answer", data=answer_data(document=str(decision.id)))
    rows = list(csv.DictReader(io.StringIO(client.get(
        f"/consultations/{proposal.consultation_id}/results.csv").get_data(as_text=True))))
    assert rows[0]["answer_document"].endswith(f"/consultations/{proposal.consultation_id}/documents/{decision.id}")
    assert rows[0]["answer_document"].startswith("http")  # an address that works outside the platform
    data = client.get(f"/consultations/{proposal.consultation_id}/results.json").get_json()
    assert data["proposals"][0]["answer_document"] == rows[0]["answer_document"]
    assert "answer_document" in data["dictionary"]


def test_the_api_answers_with_a_document_and_refuses_another_consultations(client, make, proposal, token_for):
    decision = add_document(proposal.consultation)
    elsewhere = add_document(make.consultation(proposal.consultation.territory))
    headers = token_for(make.member(make.user(), proposal.consultation.territory, "admin"))
    url = f"/api/v1/proposals/{proposal.id}/answer"
    answer = {"state": "accepted", "text": {"fr": "Voté en conseil."}, "document_id": elsewhere.id}
    refused = client.put(url, json=answer, headers=headers)
    assert refused.status_code == 422 and "document_id" in refused.get_json()["error"]["fields"]
    assert answers(proposal) == []
    answer["document_id"] = decision.id
    shown = client.put(url, json=answer, headers=headers).get_json()["answer"]["document"]
    assert shown["id"] == decision.id and shown["title"] == "Council decision"
    assert shown["url"].endswith(f"/consultations/{proposal.consultation_id}/documents/{decision.id}")
    assert client.put(url, json=answer, headers=headers).status_code == 200  # sent again: nothing new
    assert len(answers(proposal)) == 1
    assert client.get(f"/api/v1/proposals/{proposal.id}").get_json()["answer"]["document"]["id"] == decision.id
