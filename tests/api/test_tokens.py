"""Personal tokens: created on /me/tokens, shown once, stored hashed, revocable."""
import re

import pytest

from consult.api.auth import hash_token
from consult.auth.models import ApiToken
from consult.extensions import db
from tests.factories import Factory


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


def test_an_account_whose_address_is_not_confirmed_gets_no_token(app, client, make, login):
    """A token acts as its owner: someone who registered with another person's address must
    not keep a way into the account once its real owner takes it back."""
    login(make.user(email="unconfirmed@example.org", confirmed=False))
    page = client.get("/me/tokens").text
    assert "Confirm your email address first: the link is in the mail we sent you." in page
    assert 'name="scope"' not in page
    response = client.post("/me/tokens", data={"name": "Script", "scope": "write"})
    assert response.status_code == 403 and "Confirm your email address first" in response.text
    result = app.test_cli_runner().invoke(args=["api-token", "unconfirmed@example.org"])
    assert result.exit_code != 0 and "has not confirmed its address yet" in result.output
    assert db.session.scalar(db.select(ApiToken)) is None


def test_a_new_password_revokes_the_tokens(client, make, login, token_for):
    from ..factories import PASSWORD

    owner = login(make.user())
    headers = token_for(owner)
    new = "a brand new passphrase"
    client.post("/me/password", data={"current_password": PASSWORD, "password": new, "confirm": new})
    assert "Your API token is revoked: create a new one if a program needs it." in client.get("/me").text
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert "Revoked" in client.get("/me/tokens").text


def test_a_password_chosen_from_a_reset_link_revokes_the_tokens(client, make, token_for):
    """The owner of an address takes back an account someone else opened with it."""
    from ..auth.conftest import link_in, path_of, queued_mail

    owner = make.user(email="owner@example.org", confirmed=False)
    headers = [token_for(owner), token_for(owner, "read")]
    client.post("/auth/reset", data={"email": "owner@example.org"})
    path = path_of(link_in(queued_mail("owner@example.org")[-1].text_body))
    client.post(path, data={"password": "mine, at last, for good", "confirm": "mine, at last, for good"})
    assert "Your 2 API tokens are revoked: create new ones if programs need them." in client.get("/auth/login").text
    assert all(client.get("/api/v1/me", headers=h).status_code == 401 for h in headers)


@pytest.mark.parametrize("name, given", [("x" * 81, 81), ("", 0), ("   ", 0)])
def test_the_command_refuses_a_token_name_that_does_not_fit(app, make, name, given):
    make.user(email="script@example.org")
    result = app.test_cli_runner().invoke(args=["api-token", "script@example.org", "--name", name])
    assert result.exit_code == 2
    assert f"Error: The name of the token must have 1 to 80 characters ({given} given).\n" in result.stderr
    assert db.session.scalar(db.select(ApiToken)) is None


def test_a_token_that_only_reads_shows_when_it_was_last_used(app, client, make, login, token_for):
    """"Last used" is what shows a leaked token at work: reading counts, noted once per few minutes."""
    from datetime import timedelta

    from consult.database import utcnow

    user = make.user()
    headers = token_for(user, scope="read")
    token = db.session.scalar(db.select(ApiToken).filter_by(user_id=user.id))
    assert token.last_used_at is None
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    db.session.expire_all()
    first = token.last_used_at
    assert first is not None and utcnow() - first < timedelta(minutes=1)
    client.get("/api/v1/me", headers=headers)
    db.session.expire_all()
    assert token.last_used_at == first  # not a write per request
    token.last_used_at = first - timedelta(minutes=10)
    db.session.commit()
    client.get("/api/v1/me", headers=headers)
    db.session.expire_all()
    assert token.last_used_at > first - timedelta(minutes=10)
    login(user)
    assert "<td>—</td>" not in client.get("/me/tokens").text  # its date, in the "Last used" column


def test_tokens_are_created_at_the_pace_of_posts_and_the_name_typed_is_kept(limited_app_with):
    """Creating tokens counts against POST_RATE_LIMIT: over it, nothing is created, the form is
    shown again with its name, and the page says how long to wait (429)."""
    app = limited_app_with(POST_RATE_LIMIT="2 per minute")
    make = Factory()
    person = make.signed_in(make.user())
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = person.get_id(), True
    codes = [client.post("/me/tokens", data={"name": f"Site {i}", "scope": "read"}).status_code for i in range(2)]
    refused = client.post("/me/tokens", data={"name": "Site de la mairie", "scope": "read"})
    assert codes == [200, 200] and refused.status_code == 429
    assert "you may send it in 1 minute" in refused.text and 'value="Site de la mairie"' in refused.text
    assert db.session.scalar(db.select(db.func.count(ApiToken.id))) == 2
