"""Security headers: every response says what its page may load and who may frame it; the
uploads keep their own, stricter policy."""
import pytest

from consult.core.headers import CSP
from consult.uploads import save_image

from .test_uploads import upload

COMMON = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}


@pytest.mark.parametrize("path", ["/", "/api/v1/docs", "/no-such-page", "/api/v1/openapi.json"])
def test_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    for name, value in COMMON.items():
        assert response.headers[name] == value
    assert response.headers["Content-Security-Policy"] == CSP
    assert "Strict-Transport-Security" not in response.headers  # plain http: browsers ignore it


def test_the_policy_allows_only_the_site_itself():
    assert CSP == ("default-src 'self'; img-src 'self' data:; style-src 'self'; style-src-attr 'unsafe-inline'; "
                   "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                   "frame-ancestors 'none'")


def test_https_responses_ask_for_https_from_now_on(client):
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_uploads_keep_their_own_policy(app, client, image_bytes):
    path = save_image(upload(image_bytes()), "logos")
    response = client.get(f"/uploads/{path}")
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.headers.getlist("X-Content-Type-Options") == ["nosniff"]
    assert response.headers["X-Frame-Options"] == "DENY"
    response.close()
