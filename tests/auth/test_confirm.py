import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from consult.auth.services import make_token

from .conftest import link_in, path_of, queued_mail


def test_confirm_with_a_good_token(app, client, make):
    user = make.user(confirmed=False)
    with app.test_request_context():
        token = make_token(user, "confirm")
    response = client.get(f"/auth/confirm/{token}")
    assert response.status_code == 302
    assert user.confirmed_at is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "your email address is confirmed" in page


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
    assert client.get(path_of(link_in(mail.text_body))).status_code == 302
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
