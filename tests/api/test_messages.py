"""Validation messages follow the request's language (Accept-Language), field by field."""
import pytest

BAD_REPORT = {"target_type": "video", "target_id": "x", "details": "a" * 2001, "extra": 1}

MESSAGES = {
    "en": ({"target_type": ["Must be one of: proposal, comment, user."],
            "target_id": ["Not a valid integer."],
            "reason": ["Missing data for required field."],
            "details": ["Longer than maximum length 2,000."],
            "extra": ["Unknown field."]},
           {"per_page": ["Must be greater than or equal to 1 and less than or equal to 100."]}),
    "fr-FR,fr;q=0.9": ({"target_type": ["Doit être l’une des valeurs suivantes\u00a0: proposal, comment, user."],
                        "target_id": ["Ce n’est pas un nombre entier valide."],
                        "reason": ["Ce champ est obligatoire."],
                        "details": ["Longueur maximale\u00a0: 2\u202f000."],
                        "extra": ["Champ inconnu."]},
                       {"per_page": ["Doit être supérieur ou égal à 1 et inférieur ou égal à 100."]}),
}


def _fields(response):
    assert response.status_code == 422
    return response.get_json()["error"]["fields"]


@pytest.mark.parametrize("language", MESSAGES)
def test_messages_are_in_the_request_language(client, make, token_for, language):
    report, page = MESSAGES[language]
    headers = {"Accept-Language": language, **token_for(make.user())}
    assert _fields(client.post("/api/v1/reports", json=BAD_REPORT, headers=headers)) == report
    assert _fields(client.get("/api/v1/territories?per_page=101", headers=headers)) == page


def test_nested_and_typed_fields_are_translated_too(client, make, token_for):
    admin = make.member(make.user(), make.territory(slug="agen"), "admin")
    body = {"territory": "agen", "title": "Plan", "summary": {"fr": "Résumé"}, "description": {"fr": "Texte"},
            "comments_enabled": "maybe",
            "phases": [{"kind": "vote", "starts_at": "soon", "ends_at": "2027-01-01T00:00:00+02:00"}]}
    fields = _fields(client.post("/api/v1/consultations", json=body,
                                 headers={**token_for(admin), "Accept-Language": "fr"}))
    assert fields == {
        "title": {"_schema": ["Type de données non valide."]},
        "comments_enabled": ["Ce n’est pas un booléen valide."],
        "phases": {"0": {"starts_at": ["Ce n’est pas une date et heure valide."]}},  # ends_at has an offset: fine
    }


def test_an_integer_too_large_is_a_422_in_the_request_language(client, make, token_for):
    too_large = "9" * 30  # more digits than the decimal context numbers are written in (28)
    french = {"Accept-Language": "fr"}
    between = "Doit être supérieur ou égal à 1 et inférieur ou égal à {}."
    assert _fields(client.get(f"/api/v1/territories?per_page={too_large}", headers=french)) == {
        "per_page": [between.format(100)]}
    assert _fields(client.get(f"/api/v1/consultations?page={too_large}", headers=french)) == {
        "page": [between.format("100\u202f000")]}
    proposal = make.proposal(make.consultation(phase="proposals"))
    reply = client.post(f"/api/v1/proposals/{proposal.id}/comments", headers={**french, **token_for(make.user())},
                        json={"body": "Bonne idée", "parent_id": int(too_large)})
    assert _fields(reply) == {"parent_id": [between.format("2\u202f147\u202f483\u202f647")]}
