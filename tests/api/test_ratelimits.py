"""API rate limits, one budget per token and per address over all the routes, answer 429 with
Retry-After (and only then) and the JSON error body."""
import pytest

from consult.extensions import db


@pytest.fixture
def limited_client(limited_app_with):
    return limited_app_with(API_RATE_LIMIT="3 per minute").test_client()


def _token_headers():
    from consult.api.auth import create_token
    from tests.factories import Factory

    raw = create_token(Factory().user(), "t")[1]
    db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def test_fourth_call_in_a_minute_is_429_with_retry_after(limited_client):
    for _ in range(3):
        response = limited_client.get("/api/v1/territories")
        assert response.status_code == 200
        assert "Retry-After" not in response.headers  # nothing to wait for yet
    response = limited_client.get("/api/v1/territories", headers={"Accept-Language": "en"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"]["code"] == 429


def test_each_token_has_its_own_budget(limited_client):
    first, second = _token_headers(), _token_headers()
    for _ in range(3):
        assert limited_client.get("/api/v1/me", headers=first).status_code == 200
    assert limited_client.get("/api/v1/me", headers=first).status_code == 429
    assert limited_client.get("/api/v1/me", headers=second).status_code == 200


def test_one_budget_per_token_over_all_the_routes(limited_client):
    headers = _token_headers()
    for path in ("/api/v1/territories", "/api/v1/consultations", "/api/v1/me"):
        assert limited_client.get(path, headers=headers).status_code == 200
    assert limited_client.get("/api/v1/territories", headers=headers).status_code == 429
    assert limited_client.get("/api/v1/me", headers=headers).status_code == 429


def test_one_budget_per_address_over_all_the_routes(limited_app_with):
    client = limited_app_with(API_RATE_LIMIT_PER_ADDRESS="3 per minute").test_client()
    first, second = _token_headers(), _token_headers()
    assert client.get("/api/v1/territories").status_code == 200
    assert client.get("/api/v1/consultations", headers=first).status_code == 200
    assert client.get("/api/v1/me", headers=second).status_code == 200
    assert client.get("/api/v1/me", headers=first).status_code == 429
