"""Personal tokens: created on /me/tokens, shown once, stored hashed, revocable."""
import re

from consult.api.auth import hash_token
from consult.auth.models import ApiToken
from consult.extensions import db


def test_create_token_shows_it_once_and_stores_a_hash(client, make, login):
    login(make.user())
    page = client.post("/me/tokens", data={"name": "Site de la mairie", "scope": "write"}).get_data(as_text=True)
    raw = re.search(r'<code class="token">([^<]+)</code>', page).group(1)
    token = db.session.scalar(db.select(ApiToken))
    assert token.token_hash == hash_token(raw) and raw not in token.token_hash and token.scope == "write"
    assert raw not in client.get("/me/tokens").get_data(as_text=True)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200


def test_missing_name_is_refused(client, make, login):
    login(make.user())
    response = client.post("/me/tokens", data={"name": "", "scope": "read"})
    assert response.status_code == 422
    assert db.session.scalar(db.select(ApiToken)) is None


def test_revoke_and_strangers(client, make, login, token_for):
    owner = make.user()
    headers = token_for(owner)
    token = db.session.scalar(db.select(ApiToken))
    login(make.user())
    assert client.post(f"/me/tokens/{token.id}/revoke").status_code == 404
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    login(owner)
    assert client.post(f"/me/tokens/{token.id}/revoke").status_code == 302
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_tokens_page_needs_sign_in(client):
    response = client.get("/me/tokens")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_cli_prints_a_working_token(app, make):
    user = make.user(email="script@example.org")
    result = app.test_cli_runner().invoke(args=["api-token", "script@example.org", "--scope", "write"])
    raw = result.output.strip()
    assert result.exit_code == 0 and raw.startswith("cst_")
    token = db.session.scalar(db.select(ApiToken).filter_by(user_id=user.id))
    assert token.scope == "write" and token.token_hash == hash_token(raw)
    assert app.test_cli_runner().invoke(args=["api-token", "nobody@example.org"]).exit_code != 0


def test_the_page_showing_a_new_token_is_not_stored_by_the_browser(client, make, login):
    login(make.user())
    created = client.post("/me/tokens", data={"name": "Site de la mairie", "scope": "read"})
    assert '<code class="token">' in created.text and created.headers["Cache-Control"] == "no-store"
