"""A NUL character anywhere in a request is refused with 400, on every route."""


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
