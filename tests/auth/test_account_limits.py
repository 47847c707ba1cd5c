"""Rate limits that follow an account or a mailbox, not a client address: guesses and mail
requests spread over many addresses are stopped too. And IPv6 clients counted per /64."""
import re
import threading
import time

import pytest

from consult.auth.devices import COOKIE
from consult.extensions import db

from ..conftest import running_app
from ..factories import PASSWORD, Factory
from .conftest import link_in, path_of, queued_mail

NEW = "a brand new passphrase"


def _from(address):
    return {"REMOTE_ADDR": address}


ACCOUNT_LIMITS = dict(LOGIN_RATE_LIMIT="100 per minute", ACCOUNT_LOGIN_RATE_LIMIT="3 per hour",
                      MAIL_PER_ADDRESS_RATE_LIMIT="2 per hour")


def _with_accounts(app):
    with app.app_context():
        Factory().user(email="alice@example.org")
        Factory().user(email="bob@example.org")
    return app


@pytest.fixture
def account_limited(limited_app_with):
    """Addresses may try often; one account 3 refused sign-ins an hour, one mailbox 2 mails."""
    return _with_accounts(limited_app_with(**ACCOUNT_LIMITS))


@pytest.fixture
def account_limited_threads(database_url, tmp_path):
    """account_limited, for requests from several threads at once: on SQLite, a database file
    (an in-memory one is a single connection, which the threads' transactions would share)."""
    url = database_url if database_url.startswith("postgresql") else f"sqlite:///{tmp_path / 'threads.db'}"
    with running_app(url, tmp_path, RATELIMIT_ENABLED=True, **ACCOUNT_LIMITS) as app:
        yield _with_accounts(app)


def _without_token(response):
    """The page without its CSRF token, which carries the second it was made."""
    return re.sub(r'name="csrf_token" value="[^"]+"', "", response.get_data(as_text=True))


def _registration(email):
    return {"email": email, "display_name": "Carol", "password": "a passphrase of hers",
            "confirm": "a passphrase of hers", "accept_terms": "y"}


def _sign_in(client, email, password, address):
    return client.post("/auth/login", data={"email": email, "password": password},
                       headers={"Accept-Language": "en"}, environ_base=_from(address))


def test_guesses_on_one_account_from_many_addresses_are_stopped(account_limited):
    client = account_limited.test_client()
    codes = [_sign_in(client, "alice@example.org", "guess", f"203.0.113.{i}").status_code for i in range(4)]
    assert codes == [422, 422, 422, 429]
    # Even the right password waits now (else the lock would tell a right guess), from anywhere.
    response = _sign_in(client, " Alice@Example.org", PASSWORD, "198.51.100.7")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    page = response.get_data(as_text=True)
    assert "Signing in with this email address was refused too many times. Please wait 60 minutes" in page
    assert "choose a new password with the link below" in page
    assert client.get("/me").status_code == 302  # not signed in
    # Another account is not touched.
    assert _sign_in(client, "bob@example.org", PASSWORD, "203.0.113.1").status_code == 302


def test_an_address_without_account_is_counted_the_same(account_limited):
    """The lock never tells whether an account exists."""
    client = account_limited.test_client()
    locked = {}
    for email in ("alice@example.org", "nobody@example.org"):
        codes = [_sign_in(client, email, "guess", f"203.0.113.{i}").status_code for i in range(3)]
        response = _sign_in(client, email, "guess", "203.0.113.9")
        assert codes + [response.status_code] == [422, 422, 422, 429], email
        locked[email] = _without_token(response).replace(email, "X")
    assert locked["alice@example.org"] == locked["nobody@example.org"]


def test_the_lock_does_not_shut_the_owner_out_of_a_browser_they_signed_in_from(account_limited):
    owners = account_limited.test_client()
    assert _sign_in(owners, "alice@example.org", PASSWORD, "198.51.100.7").status_code == 302
    owners.post("/auth/logout", environ_base=_from("198.51.100.7"))
    assert owners.get_cookie(COOKIE) is not None
    attacker = account_limited.test_client()
    for i in range(4):
        _sign_in(attacker, "alice@example.org", "guess", f"203.0.113.{i}")
    assert _sign_in(attacker, "alice@example.org", PASSWORD, "203.0.113.1").status_code == 429
    assert _sign_in(owners, "alice@example.org", "a typo", "198.51.100.7").status_code == 422  # checked as usual
    assert _sign_in(owners, "alice@example.org", PASSWORD, "198.51.100.7").status_code == 302
    # The cookie speaks for alice only, and cannot be made up.
    assert _sign_in(owners, "bob@example.org", "guess", "198.51.100.7").status_code == 422
    for i in range(3):
        _sign_in(attacker, "bob@example.org", "guess", f"203.0.113.{i}")
    assert _sign_in(owners, "bob@example.org", PASSWORD, "198.51.100.7").status_code == 429
    attacker.set_cookie(COOKIE, owners.get_cookie(COOKIE).value[:-3] + "abc")
    assert _sign_in(attacker, "alice@example.org", PASSWORD, "203.0.113.1").status_code == 429


def test_successful_sign_ins_do_not_count(account_limited):
    for i in range(5):
        client = account_limited.test_client()
        assert _sign_in(client, "alice@example.org", PASSWORD, f"203.0.113.{i}").status_code == 302


def test_a_right_password_between_guesses_does_not_lift_or_spend_the_limit(account_limited):
    client = account_limited.test_client()
    assert _sign_in(client, "alice@example.org", "guess", "203.0.113.1").status_code == 422
    assert _sign_in(account_limited.test_client(), "alice@example.org", PASSWORD, "198.51.100.7").status_code == 302
    codes = [_sign_in(client, "alice@example.org", "guess", f"203.0.113.{i}").status_code for i in range(3)]
    assert codes == [422, 422, 429]


def test_simultaneous_guesses_do_not_pass_the_limit_together(account_limited_threads, monkeypatch):
    """Eight wrong guesses at once, while each password check takes its time: three are checked."""
    from consult.auth import services

    def wrong_password_checked_slowly(email, password):
        time.sleep(0.3)
        return None

    monkeypatch.setattr(services, "authenticate", wrong_password_checked_slowly)
    start, codes = threading.Barrier(8), []

    def guess(i):
        with account_limited_threads.app_context():
            start.wait(60)
            client = account_limited_threads.test_client()
            codes.append(_sign_in(client, "alice@example.org", "guess", f"203.0.113.{i}").status_code)
            db.session.remove()

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(codes) == [422] * 3 + [429] * 5


def test_choosing_a_new_password_by_mail_lifts_the_lock(account_limited):
    client = account_limited.test_client()
    for i in range(3):
        _sign_in(client, "alice@example.org", "guess", f"203.0.113.{i}")
    assert _sign_in(client, "alice@example.org", PASSWORD, "198.51.100.7").status_code == 429
    client.post("/auth/reset", data={"email": "alice@example.org"}, environ_base=_from("198.51.100.7"))
    with account_limited.app_context():
        [mail] = queued_mail("alice@example.org")
        path = path_of(link_in(mail.text_body))
    assert client.post(path, data={"password": NEW, "confirm": NEW},
                       environ_base=_from("198.51.100.7")).status_code == 302
    assert _sign_in(client, "alice@example.org", NEW, "198.51.100.7").status_code == 302


def test_a_mailbox_gets_a_few_mails_whatever_the_addresses_asking(account_limited):
    client = account_limited.test_client()
    pages = [client.post("/auth/reset", data={"email": "alice@example.org"}, headers={"Accept-Language": "en"},
                         environ_base=_from(f"203.0.113.{i}")) for i in range(4)]
    assert {page.status_code for page in pages} == {200}
    assert len({_without_token(page) for page in pages}) == 1  # the page says the same
    # Registering with the address asks for a mail to it too.
    registered = client.post("/auth/register", data=_registration("alice@example.org"),
                             environ_base=_from("203.0.113.9"))
    assert registered.status_code == 200
    with account_limited.app_context():
        assert len(queued_mail("alice@example.org")) == 2
        assert queued_mail("bob@example.org") == []
    client.post("/auth/reset", data={"email": "bob@example.org"}, environ_base=_from("203.0.113.1"))
    with account_limited.app_context():
        assert len(queued_mail("bob@example.org")) == 1  # another mailbox has its own count


def test_a_new_address_registering_again_and_again_gets_few_mails(account_limited):
    client = account_limited.test_client()
    for i in range(4):
        response = client.post("/auth/register", data=_registration("carol@example.org"),
                               environ_base=_from(f"203.0.113.{i}"))
        assert response.status_code == 200
    with account_limited.app_context():
        assert len(queued_mail("carol@example.org")) == 2
        assert db.session.scalar(db.text("select count(*) from \"user\" where email = 'carol@example.org'")) == 1


@pytest.fixture
def address_limited(limited_app_with):
    return limited_app_with(LOGIN_RATE_LIMIT="3 per minute")


def _guess(client, address, n):
    return client.post("/auth/login", data={"email": f"nobody{n}@example.org", "password": "guess"},
                       environ_base=_from(address)).status_code


def test_ipv6_clients_are_counted_per_64_network(address_limited):
    client = address_limited.test_client()
    codes = [_guess(client, f"2001:db8:5:7::{i + 1:x}", i) for i in range(4)]
    assert codes == [422, 422, 422, 429]  # a new address of the same /64 does not start again
    assert _guess(client, "2001:db8:5:8::1", 9) == 422  # the next /64 is somebody else


def test_an_ipv4_address_written_as_ipv6_is_the_same_client(address_limited):
    client = address_limited.test_client()
    codes = [_guess(client, address, i) for i, address in
             enumerate(("198.51.100.20", "::ffff:198.51.100.20", "198.51.100.20", "::ffff:198.51.100.20"))]
    assert codes == [422, 422, 422, 429]
