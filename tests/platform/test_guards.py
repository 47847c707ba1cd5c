"""A NUL character anywhere in a request is refused with 400, on every route; so is a JSON body
nested deeper than the parser goes."""
import pytest

from consult.notifications.unsubscribe import make_token

DEEP = '{"a":' + "[" * 5000 + "]" * 5000 + "}"
DEEPER = "[" * 100_000 + "]" * 100_000



def test_nul_in_query_path_form_and_json_is_400(client, make):
    make.territory(slug="agen")
    assert client.get("/consultations/?q=a%00b").status_code == 400
    assert client.get("/api/v1/territories/%00").status_code == 400
    assert client.post("/auth/login", data={"email": "a\x00@example.org", "password": "x"}).status_code == 400
    response = client.post("/api/v1/reports", json={"target_type": "proposal", "target_id": 1,
                                                    "reason": "spam", "territory": "\x00"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == 400
    assert client.get("/consultations/?q=ecole").status_code == 200


def test_the_guard_answers_before_the_api_reads_a_token(client):
    bad_token = {"Authorization": "Bearer nope"}
    assert client.get("/api/v1/territories/%00", headers=bad_token).status_code == 400
    response = client.post("/api/v1/reports", headers=bad_token,
                           json={"target_type": "proposal", "target_id": 1, "reason": "spam\x00"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == 400
    assert client.get("/api/v1/territories/agen", headers=bad_token).status_code == 401


@pytest.mark.parametrize("body", [DEEP, DEEPER])
def test_json_nested_too_deep_is_400_in_the_usual_error(client, make, body):
    json_headers = {"Content-Type": "application/json"}
    response = client.post("/api/v1/reports", data=body, headers=json_headers)  # anyone may report
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == ("The request could not be understood. "
                                                       "Please check what you sent and try again.")
    page = client.post(f"/unsubscribe/{make_token(make.user(), ['comment_reply'])}", data=body, headers=json_headers)
    assert page.status_code == 400 and "<h1>Bad request</h1>" in page.text


def test_json_nested_deep_but_readable_is_still_checked_for_nul(client):
    nested = '{"reason": "spam", "a":' + "[" * 500 + '"\\u0000"' + "]" * 500 + "}"
    response = client.post("/api/v1/reports", data=nested, headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == 400
