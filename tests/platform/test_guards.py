"""A NUL character anywhere in a request is refused with 400, on every route, and so is a lone
surrogate in a JSON body; so is a JSON body nested deeper than the parser goes."""
import pytest

from consult.notifications.unsubscribe import make_token

DEEP = '{"a":' + "[" * 5000 + "]" * 5000 + "}"
DEEPER = "[" * 100_000 + "]" * 100_000



def test_nul_in_query_path_form_and_json_is_400(client, make, token_for):
    make.territory(slug="agen")
    assert client.get("/consultations/?q=a%00b").status_code == 400
    assert client.get("/api/v1/territories/%00").status_code == 400
    assert client.post("/auth/login", data={"email": "a\x00@example.org", "password": "x"}).status_code == 400
    response = client.post("/api/v1/reports", headers=token_for(make.user()),
                           json={"target_type": "proposal", "target_id": 1, "reason": "spam", "territory": "\x00"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == 400
    assert client.get("/consultations/?q=ecole").status_code == 200


def test_the_address_is_checked_before_the_token(client):
    bad_token = {"Authorization": "Bearer nope"}
    assert client.get("/api/v1/territories/%00", headers=bad_token).status_code == 400
    assert client.get("/api/v1/territories/agen", headers=bad_token).status_code == 401


@pytest.mark.parametrize("body, content_type, refusal", [('{"reason": "spam\\u0000"}', "application/json", 400),
                                                         ('{"reason": "\\ud83d"}', "application/json", 400),
                                                         ('{"reason": "spam"}', "text/plain", 415)])
def test_who_writes_is_checked_before_the_body(client, make, token_for, body, content_type, refusal):
    """A write without a token is 401, with a read-only token 403, whatever its body (README)."""
    def write(headers):
        return client.post("/api/v1/reports", data=body, headers={"Content-Type": content_type, **headers})

    assert write({}).status_code == 401
    assert write({"Authorization": "Bearer nope"}).status_code == 401
    assert write(token_for(make.user(), "read")).status_code == 403
    assert write(token_for(make.user())).status_code == refusal


@pytest.mark.parametrize("body", [DEEP, DEEPER])
def test_json_nested_too_deep_is_400_in_the_usual_error(client, make, token_for, body):
    json_headers = {"Content-Type": "application/json"}
    response = client.post("/api/v1/reports", data=body, headers={**json_headers, **token_for(make.user())})
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == ("The request could not be understood. "
                                                       "Please check what you sent and try again.")
    page = client.post(f"/unsubscribe/{make_token(make.user(), ['comment_reply'])}", data=body, headers=json_headers)
    assert page.status_code == 400 and "<h1>Bad request</h1>" in page.text


def test_json_nested_deep_but_readable_is_still_checked_for_nul(client, make, token_for):
    nested = '{"reason": "spam", "a":' + "[" * 500 + '"\\u0000"' + "]" * 500 + "}"
    response = client.post("/api/v1/reports", data=nested,
                           headers={"Content-Type": "application/json", **token_for(make.user())})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == 400



UNSTORABLE = "What you sent holds a character that cannot be stored (a null character, or half of an emoji)."


def _patch_title(client, consultation, fr, headers):
    return client.patch(f"/api/v1/consultations/{consultation.id}", data='{"title": {"fr": "%s"}}' % fr,
                        headers={"Content-Type": "application/json", **headers})


@pytest.mark.parametrize("text", ["\\ud83d", "\\ude00 after", "ok \\ud800", "\\u0000"])
def test_a_lone_surrogate_or_nul_in_json_is_400_and_nothing_is_stored(client, make, token_for, text):
    """A client cutting an emoji in two sends half of it: stored, it could not be shown."""
    from consult.consultations.models import Consultation
    from consult.extensions import db

    territory = make.territory()
    consultation = make.consultation(territory, title={"fr": "Avant"})
    response = _patch_title(client, consultation, f"Titre {text}", token_for(make.member(make.user(), territory, "admin")))
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith(UNSTORABLE)
    db.session.expire_all()
    assert db.session.get(Consultation, consultation.id).title == {"fr": "Avant"}


def test_the_refusal_is_said_in_french_on_the_site(client):
    response = client.get("/consultations/?q=a%00b", headers={"Accept-Language": "fr"})
    assert response.status_code == 400
    assert "Ce que vous avez envoyé contient un caractère" in response.text


def test_a_whole_emoji_is_welcome(client, make, token_for):
    territory = make.territory()
    consultation = make.consultation(territory)
    response = _patch_title(client, consultation, "Vélo \\ud83d\\udeb2",
                            token_for(make.member(make.user(), territory, "admin")))
    assert response.status_code == 200 and response.get_json()["texts"]["title"]["fr"] == "Vélo 🚲"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_the_api_answers_a_body_of_another_type_with_415_and_changes_nothing(client, make, token_for, content_type):
    """Read as JSON, such a body would be no data at all: a PATCH would answer 200, changing nothing."""
    territory = make.territory()
    consultation = make.consultation(territory, title={"fr": "Avant"})
    headers = token_for(make.member(make.user(), territory, "admin"))
    if content_type:
        headers["Content-Type"] = content_type
    response = client.patch(f"/api/v1/consultations/{consultation.id}", data='{"title": {"fr": "Après"}}', headers=headers)
    assert response.status_code == 415
    assert response.get_json()["error"]["message"] == (
        "The API reads JSON only: send the body with the header Content-Type: application/json.")
    assert client.patch(f"/api/v1/consultations/{consultation.id}", headers=headers).status_code == 200  # no body
