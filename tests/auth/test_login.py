import logging
import re

import pytest

from ..factories import PASSWORD, Factory


def test_login_with_the_right_password(client, make):
    user = make.user(email="alice@example.org", name="Alice")
    response = client.post("/auth/login", data={"email": " Alice@example.org ", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/me")
    page = client.get("/me").get_data(as_text=True)
    assert "You are signed in. Welcome, Alice." in page
    assert user.email in page
    assert client.get_cookie("remember_token") is None


def test_login_with_a_wrong_password_or_unknown_address(client, make):
    make.user(email="alice@example.org")
    for email, password in (("alice@example.org", "wrong password"), ("nobody@example.org", PASSWORD)):
        response = client.post("/auth/login", data={"email": email, "password": password})
        assert response.status_code == 422
        assert 'id="password-error">The email address or the password is not right.' in response.get_data(as_text=True)
    assert client.get("/me").status_code == 302


def test_remember_me_sets_a_lasting_cookie(client, make):
    make.user(email="alice@example.org")
    client.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD, "remember": "y"})
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.expires is not None
    # Without the session, the remember cookie alone signs the person in.
    client.delete_cookie("session")
    assert client.get("/me").status_code == 200


def test_next_only_goes_to_local_paths(client, make):
    make.user(email="alice@example.org")
    data = {"email": "alice@example.org", "password": PASSWORD}
    response = client.post("/auth/login", data=dict(data, next="/territories/"))
    assert response.headers["Location"].endswith("/territories/")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/auth/login", data=dict(data, next=target))
        assert "evil" not in response.headers["Location"]


def test_login_page_keeps_next_from_the_query_string(client):
    page = client.get("/auth/login?next=/consultations/").get_data(as_text=True)
    assert 'value="/consultations/"' in page


def _after_signing_in(client, response):
    """Where the sign-in page that `response` leads to sends the person once signed in."""
    sign_in = client.get(response.headers["Location"])
    assert "Please sign in to continue." in sign_in.text
    kept = re.search(r'<input id="next" name="next" type="hidden" value="([^"]*)">', sign_in.text)[1]
    response = client.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD, "next": kept})
    return response.headers["Location"]


def test_a_form_sent_once_signed_out_leads_back_to_its_page_after_signing_in(client, make):
    """Not to the address the form was sent to: a POST's, which would answer 405 to the browser."""
    make.user(email="alice@example.org")
    proposal = make.proposal(make.consultation(phase="proposals"))
    page = f"/proposals/{proposal.id}?page=2"
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": "Une très bonne idée."},
                           headers={"Referer": f"http://localhost{page}"})
    assert response.status_code == 302
    assert _after_signing_in(client, response) == page
    assert client.get(page).status_code == 200


def test_a_page_asked_for_once_signed_out_is_shown_after_signing_in(client, make):
    make.user(email="alice@example.org")
    response = client.get("/me/notifications?page=2")
    assert _after_signing_in(client, response) == "/me/notifications?page=2"


def test_people_blocked_for_good_can_still_sign_in(client, make):
    make.user(email="blocked@example.org", blocked_for_good=True)
    response = client.post("/auth/login", data={"email": "blocked@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "Your participation is suspended" in client.get("/me").get_data(as_text=True)


def test_logout_signs_out(client, make, login):
    login(make.user())
    response = client.post("/auth/logout")
    assert response.status_code == 302
    assert client.get("/me").status_code == 302
    assert client.get("/auth/logout").status_code == 405


def _signed_in_with_copies(app, client, form):
    """Sign in on `client` and on another browser with `form`: (the other browser, a copy of
    the client's cookies, taken now)."""
    client.post("/auth/login", data=form)
    other_browser = app.test_client()
    other_browser.post("/auth/login", data=form)
    copy = app.test_client()
    for name in ("session", "remember_token"):
        copy.set_cookie(name, client.get_cookie(name).value)
    return other_browser, copy


def test_signing_out_ends_the_session_on_the_server_too(app, client, make):
    """A copy of the cookies taken before signing out (a shared computer, a stolen cookie) no
    longer opens the account; the person's other browsers stay signed in."""
    make.user(email="alice@example.org")
    form = {"email": "alice@example.org", "password": PASSWORD, "remember": "y"}
    other_browser, copy = _signed_in_with_copies(app, client, form)
    assert copy.get("/me").status_code == 200
    client.post("/auth/logout")
    assert copy.get("/me").status_code == 302
    copy.delete_cookie("session")  # the remember cookie alone does not open it either
    assert copy.get("/me").status_code == 302
    assert other_browser.get("/me").status_code == 200


def test_signing_in_ends_the_sign_in_the_browser_had(app, client, make):
    """A shared computer: Alice signed in and was remembered, then Bruno signs in without
    "remember me". Closing the browser brings back neither of them, a copy of Alice's cookies
    taken before no longer opens her account, and her other browsers stay signed in."""
    make.user(email="alice@example.org", name="Alice")
    make.user(email="bruno@example.org", name="Bruno")
    alice = {"email": "alice@example.org", "password": PASSWORD, "remember": "y"}
    other_browser, copy = _signed_in_with_copies(app, client, alice)
    client.post("/auth/login", data={"email": "bruno@example.org", "password": PASSWORD})
    assert "You are signed in. Welcome, Bruno." in client.get("/me").text
    new = "a brand new passphrase"  # a new password keeps the sign-in as it was: not remembered
    assert client.post("/me/password", data={"current_password": PASSWORD, "password": new,
                                             "confirm": new}).status_code == 302
    client.delete_cookie("session")  # the browser is closed: its lasting cookies stay
    assert client.get("/me").status_code == 302
    assert copy.get("/me").status_code == 302
    assert other_browser.get("/me").status_code == 200


def test_logout_from_the_layout_form_with_csrf(app, client, make):
    make.user(email="alice@example.org")
    client.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD})
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/me").get_data(as_text=True)
    token = page.split('action="/auth/logout"', 1)[1].split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    assert client.post("/auth/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/me").status_code == 302


def test_failed_logins_are_rate_limited(limited_app):
    client = limited_app.test_client()
    assert client.get("/auth/login").status_code == 200
    bad = {"email": "nobody@example.org", "password": "wrong password"}
    codes = [client.post("/auth/login", data=bad).status_code for _ in range(4)]
    assert codes == [422, 422, 422, 429]
    response = client.post("/auth/login", data=bad, headers={"Accept-Language": "en"})
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert '<html lang="en">' in page
    # how long to wait, from the limit itself (3 per minute): at most a minute
    assert "You did this too many times in a short while. You may try again in 1 minute." in page
    assert client.get("/auth/login").status_code == 200  # reading the page is never limited


def test_behind_a_proxy_the_limit_counts_per_client(proxied_app):
    bad = {"email": "nobody@example.org", "password": "wrong password"}
    client = proxied_app.test_client()
    one = {"X-Forwarded-For": "203.0.113.1"}
    codes = [client.post("/auth/login", data=bad, headers=one).status_code for _ in range(4)]
    assert codes == [422, 422, 422, 429]
    # another resident behind the same proxy is not shut out
    assert client.post("/auth/login", data=bad, headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 422


def test_without_a_trusted_proxy_forwarded_addresses_are_ignored(limited_app):
    bad = {"email": "nobody@example.org", "password": "wrong password"}
    client = limited_app.test_client()
    codes = [client.post("/auth/login", data=bad, headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
             for i in range(4)]
    assert codes == [422, 422, 422, 429]  # a client cannot pick a new address for each guess


def test_a_proxy_not_trusted_is_said_once_in_the_log(limited_app, proxied_app, caplog):
    """TRUSTED_PROXIES forgotten behind nginx: the whole town shares the proxy's rate limits,
    which nothing else would tell the team running the site."""
    forwarded = {"X-Forwarded-For": "203.0.113.1"}
    with caplog.at_level(logging.WARNING, logger="consult"):
        limited_app.test_client().get("/auth/login")  # a client talking to the site directly
        for _ in range(2):
            limited_app.test_client().get("/auth/login", headers=forwarded)
            proxied_app.test_client().get("/auth/login", headers=forwarded)
    assert [r.getMessage() for r in caplog.records] == [
        "A request came through a proxy (X-Forwarded-For) but TRUSTED_PROXIES is 0: every client counts as the "
        "proxy's address 127.0.0.1, and shares its rate limits; set TRUSTED_PROXIES=1 behind one nginx."]


def test_successful_logins_do_not_use_up_the_limit(limited_app):
    with limited_app.app_context():
        Factory().user(email="alice@example.org")
    for _ in range(5):
        client = limited_app.test_client()
        response = client.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD})
        assert response.status_code == 302


def test_password_guesses_on_the_account_pages_are_rate_limited_too(limited_app):
    """Whoever holds a session cannot guess its password through the pages that ask for it."""
    with limited_app.app_context():
        alice = Factory().signed_in(Factory().user(email="alice@example.org"))
        session_id = alice.get_id()
    client = limited_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = session_id, True
    guesses = {"/me/password": {"current_password": "guess", "password": "a new passphrase here",
                                "confirm": "a new passphrase here"},
               "/me/email": {"email": "new@example.org", "email_password": "guess"},
               "/me/delete": {"current_password": "guess", "understood": "y"}}
    for path, form in guesses.items():
        codes = [client.post(path, data=form).status_code for _ in range(4)]
        assert codes == [422, 422, 422, 429], path


@pytest.mark.parametrize("target", ["/territories/a\nb", "/a\r\nX-Injected: yes", "/a\tb", "/a\x7fb"])
def test_a_next_with_control_characters_leads_home(client, target):
    """A newline cannot go into a Location header (it was a 500): such a `next` is not followed."""
    response = client.post("/language", data={"locale": "en", "next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "X-Injected" not in response.headers
