import re

from flask import template_rendered

from consult.auth.services import make_token

from ..factories import PASSWORD
from .conftest import link_in, path_of, queued_mail

NEW = "a brand new passphrase"


def _body(response):
    """The page without the parts that legitimately differ: the signed CSRF tokens of its forms,
    which carry the second they were made."""
    return re.sub(r'name="csrf_token" value="[^"]+"', "csrf", response.get_data(as_text=True))


def test_reset_request_gives_the_same_answer_whether_or_not_the_account_exists(client, make):
    make.user(email="alice@example.org")
    known = client.post("/auth/reset", data={"email": "alice@example.org"})
    unknown = client.post("/auth/reset", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert _body(known).replace("alice@example.org", "X") == _body(unknown).replace("nobody@example.org", "X")
    assert "If an account exists for alice@example.org" in _body(known)
    assert [m.recipient for m in queued_mail()] == ["alice@example.org"]


def _written(client, app, email):
    """The templates rendered to answer a reset asked for `email`."""
    rendered = []

    def keep(sender, template, context, **extra):
        rendered.append(template.name)

    with template_rendered.connected_to(keep, app):
        client.post("/auth/reset", data={"email": email})
    return rendered


def test_reset_request_takes_as_long_whether_or_not_the_account_exists(app, client, make):
    """Writing the mail is most of the work of the answer: for an address without an account,
    the same mail is written (and sent to nobody), so that the time taken does not tell either."""
    make.user(email="alice@example.org")
    assert _written(client, app, "alice@example.org") == _written(client, app, "nobody@example.org") == [
        "mail/reset.txt", "mail/reset.html", "auth/reset_sent.html"]
    assert [m.recipient for m in queued_mail()] == ["alice@example.org"]


def test_reset_request_with_a_bad_address_is_refused_next_to_the_field(client):
    response = client.post("/auth/reset", data={"email": "nope"})
    assert response.status_code == 422
    assert 'id="email-error">Enter an email address like name@example.org.' in _body(response)


def test_reset_link_changes_the_password_once(client, make):
    user = make.user(email="alice@example.org", confirmed=False)
    client.post("/auth/reset", data={"email": "alice@example.org"})
    [mail] = queued_mail()
    path = path_of(link_in(mail.text_body))
    assert client.get(path).status_code == 200
    response = client.post(path, data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert user.check_password(NEW) and not user.check_password(PASSWORD)
    assert user.confirmed_at is not None  # the link came by mail: the address works
    # The token died with the old password.
    again = client.post(path, data={"password": "yet another passphrase", "confirm": "yet another passphrase"})
    assert again.status_code == 400
    assert "This link is not valid any more" in _body(again)
    assert user.check_password(NEW)
    assert client.post("/auth/login", data={"email": "alice@example.org", "password": NEW}).status_code == 302


def test_reset_with_a_short_password_is_refused_and_changes_nothing(client, make):
    user = make.user()
    path = f"/auth/reset/{make_token(user, 'reset')}"
    response = client.post(path, data={"password": "short", "confirm": "short"})
    assert response.status_code == 422
    assert 'id="password-error">Your password needs at least 10 characters.' in _body(response)
    assert user.check_password(PASSWORD)
    assert user.session_version == 1


def test_a_forged_reset_link_is_refused(client, make):
    make.user()
    assert client.get("/auth/reset/not-a-token").status_code == 400
