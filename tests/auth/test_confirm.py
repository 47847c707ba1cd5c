import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from consult.auth.services import make_token
from consult.extensions import db

from ..factories import PASSWORD
from .conftest import link_in, path_of, queued_mail


def test_the_link_opens_a_page_that_confirms_with_the_password_and_signs_in(app, client, make):
    user = make.user(email="noa@example.org", confirmed=False)
    with app.test_request_context():
        token = make_token(user, "confirm")
    page = client.get(f"/auth/confirm/{token}")
    assert page.status_code == 200  # following the link (a mail scanner does) confirms nothing
    assert "You are about to confirm noa@example.org as the address of your Consult account." in page.text
    assert user.confirmed_at is None
    wrong = client.post(f"/auth/confirm/{token}", data={"password": "not the one"})
    assert wrong.status_code == 422
    assert 'id="password-error">This is not the password chosen when the account was created.' in wrong.text
    assert user.confirmed_at is None
    response = client.post(f"/auth/confirm/{token}", data={"password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/me"
    assert user.confirmed_at is not None
    page = client.get("/me").get_data(as_text=True)
    assert "your email address is confirmed" in page and "noa@example.org" in page


def test_confirming_on_a_browser_where_somebody_was_remembered_signs_them_out(app, client, make):
    """The confirmation signs Noa in where Alice had asked to stay signed in: once the browser
    closes, the next visit is nobody's, not Alice's."""
    make.user(email="alice@example.org", name="Alice")
    noa = make.user(email="noa@example.org", name="Noa", confirmed=False)
    client.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD, "remember": "y"})
    with app.test_request_context():
        token = make_token(noa, "confirm")
    assert client.post(f"/auth/confirm/{token}", data={"password": PASSWORD}).status_code == 302
    assert "noa@example.org" in client.get("/me").text
    client.delete_cookie("session")  # the browser is closed
    assert client.get("/me").status_code == 302


def test_somebody_who_opened_an_account_with_another_person_s_address_loses_it(client, make):
    """Whoever registers with Noa's address can neither sign in nor confirm (the link goes to
    Noa); Noa cannot confirm with a password she never chose, and takes the account with the
    'forgotten password' link instead, which signs the intruder out and voids their password."""
    client.post("/auth/register", data={"email": "noa@example.org", "display_name": "Intrus",
                                          "password": "the intruder's own", "confirm": "the intruder's own",
                                          "accept_terms": "y"})
    refused = client.post("/auth/login", data={"email": "noa@example.org", "password": "the intruder's own"})
    assert refused.status_code == 422
    assert "The email address or the password is not right." in refused.text
    assert "Just created your account? Open the link of the mail we sent you first" in refused.text
    link = path_of(link_in(queued_mail("noa@example.org")[0].text_body))
    assert client.post(link, data={"password": "what Noa would type"}).status_code == 422
    client.post("/auth/reset", data={"email": "noa@example.org"})
    reset = path_of(link_in(queued_mail("noa@example.org")[-1].text_body))
    client.post(reset, data={"password": "Noa's very own", "confirm": "Noa's very own"})
    assert client.post("/auth/login", data={"email": "noa@example.org", "password": "Noa's very own"}
                       ).status_code == 302
    client.post("/auth/logout")
    assert client.post("/auth/login", data={"email": "noa@example.org", "password": "the intruder's own"}
                       ).status_code == 422


def test_a_link_dies_with_the_address_it_was_sent_to_and_with_the_account(app, client, make):
    moved, deleted = make.user(confirmed=False), make.user(confirmed=False)
    with app.test_request_context():
        tokens = make_token(moved, "confirm"), make_token(deleted, "confirm")
    moved.email = "elsewhere@example.org"
    deleted.deleted_at = deleted.created_at
    db.session.commit()
    for token in tokens:
        assert client.get(f"/auth/confirm/{token}").status_code == 400
        assert client.post(f"/auth/confirm/{token}").status_code == 400
    assert moved.confirmed_at is None and deleted.confirmed_at is None
    assert client.get("/me").status_code == 302


def test_a_forged_token_is_refused(client, make):
    user = make.user(confirmed=False)
    forged = URLSafeTimedSerializer("another-secret", salt="confirm").dumps({"id": user.id, "v": 0})
    response = client.get(f"/auth/confirm/{forged}")
    assert response.status_code == 400
    assert "This confirmation link is not valid or has expired" in response.get_data(as_text=True)
    assert user.confirmed_at is None


def test_a_reset_token_does_not_confirm(client, make):
    user = make.user(confirmed=False)
    response = client.get(f"/auth/confirm/{make_token(user, 'reset')}")
    assert response.status_code == 400
    assert user.confirmed_at is None


def test_an_expired_token_is_refused(app, client, make, monkeypatch):
    user = make.user(confirmed=False)
    past = int(time.time()) - app.config["CONFIRM_TOKEN_MAX_AGE"] - 60
    with monkeypatch.context() as m:
        m.setattr(TimestampSigner, "get_timestamp", lambda self: past)
        token = make_token(user, "confirm")  # well signed, but too old
    response = client.get(f"/auth/confirm/{token}")
    assert response.status_code == 400
    assert user.confirmed_at is None


def test_an_unconfirmed_person_can_ask_for_a_new_link(client, make, login):
    user = login(make.user(confirmed=False))
    response = client.post("/auth/confirm/resend")
    assert response.status_code == 302
    [mail] = queued_mail(user.email)
    assert client.post(path_of(link_in(mail.text_body)), data={"password": PASSWORD}).status_code == 302
    assert user.confirmed_at is not None


def test_resend_needs_a_signed_in_person(client):
    response = client.post("/auth/confirm/resend")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert queued_mail() == []


def test_unconfirmed_people_see_a_banner_and_cannot_take_part(client, make, login):
    from consult import permissions

    user = login(make.user(confirmed=False))
    page = client.get("/me").get_data(as_text=True)
    assert "Please confirm your email address" in page
    assert "Send me a new confirmation link" in page
    assert not permissions.is_resident(user)
