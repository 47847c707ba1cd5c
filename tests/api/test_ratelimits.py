"""API rate limits answer 429 with Retry-After and the JSON error body."""
import pytest

from consult.extensions import db


@pytest.fixture
def limited_client(limited_app_with):
    return limited_app_with(API_RATE_LIMIT="3 per minute").test_client()


def test_fourth_call_in_a_minute_is_429_with_retry_after(limited_client):
    for _ in range(3):
        assert limited_client.get("/api/v1/territories").status_code == 200
    response = limited_client.get("/api/v1/territories", headers={"Accept-Language": "en"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"]["code"] == 429


def test_each_token_has_its_own_budget(limited_client):
    from consult.api.auth import create_token
    from tests.factories import Factory

    first, second = (create_token(Factory().user(), "t")[1] for _ in range(2))
    db.session.commit()
    for _ in range(3):
        assert limited_client.get("/api/v1/me", headers={"Authorization": f"Bearer {first}"}).status_code == 200
    assert limited_client.get("/api/v1/me", headers={"Authorization": f"Bearer {first}"}).status_code == 429
    assert limited_client.get("/api/v1/me", headers={"Authorization": f"Bearer {second}"}).status_code == 200
