"""A form refused with an error page (the phase closed while it was being written, the account
blocked, the item gone) gives back the text written in it, to copy: nothing is lost. Never a
password, never a form another site may have sent."""
from datetime import timedelta

from consult.database import utcnow
from consult.extensions import db
from consult.proposals.models import Proposal

BODY = "Planter des arbres fruitiers le long du canal, avec les écoles du quartier."


def test_a_proposal_sent_once_the_phase_closed_comes_back_to_copy(client, make, login):
    consultation = make.consultation(phase="vote")
    make.category(consultation)
    login(make.user())
    response = client.post(f"/consultations/{consultation.id}/proposals/new", data={
        "title": "Un verger le long du canal", "body": BODY, "category": str(consultation.categories[0].id),
        "action": "publish"}, headers={"Accept-Language": "fr"})
    assert response.status_code == 403
    page = response.text
    assert "<h2>Ce que vous avez écrit</h2>" in page
    assert f'readonly rows="2">{BODY}</textarea>' in page
    assert ">Un verger le long du canal</textarea>" in page
    assert db.session.scalar(db.select(db.func.count(Proposal.id))) == 0


def test_a_comment_refused_to_a_blocked_person_comes_back_to_copy(client, make, login):
    proposal = make.proposal(make.consultation(phase="proposals"))
    login(make.user(blocked_until=utcnow() + timedelta(days=2)))
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": BODY})
    assert response.status_code == 403
    assert f"{BODY}</textarea>" in response.text and "What you wrote" in response.text


def test_passwords_tokens_and_short_choices_are_never_given_back(client, make, login):
    login(make.user())
    response = client.post("/proposals/999999/comments", data={
        "body": BODY, "password": "un mot de passe très long et secret", "stance": "for",
        "image_data": "data:image/png;base64," + "A" * 40})
    assert response.status_code == 404
    assert f"{BODY}</textarea>" in response.text
    assert "secret" not in response.text and "AAAA" not in response.text
    assert response.text.count("</textarea>") == 1


def test_a_form_without_a_valid_token_is_not_given_back(app, client, make, login):
    proposal = make.proposal(make.consultation(phase="proposals"))
    login(make.user())
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": BODY})
    assert response.status_code == 400
    assert BODY not in response.text and "What you wrote" not in response.text
