"""Links in mail are built from PUBLIC_URL, never from the Host header of the request that
caused the mail: a request sent with `Host: evil.example` must not mail a valid link there."""
import pytest

from ..helpers import share_session_with
from .conftest import link_in, queued_mail
from .test_register import GOOD

PUBLIC_URL = "https://consult.example.org/civic"
FOREIGN = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}


@pytest.fixture(autouse=True)
def public_url(app):
    app.config["PUBLIC_URL"] = PUBLIC_URL


def test_a_reset_link_points_to_the_public_url_whatever_the_host_header(client, make):
    make.user(email="alice@example.org")
    assert client.post("/auth/reset", data={"email": "alice@example.org"}, headers=FOREIGN).status_code == 200
    [mail] = queued_mail("alice@example.org")
    assert link_in(mail.text_body).startswith(f"{PUBLIC_URL}/auth/reset/")
    assert "evil.example" not in mail.text_body + (mail.html_body or "")


def test_a_confirmation_link_points_to_the_public_url_whatever_the_host_header(client):
    assert client.post("/auth/register", data=GOOD, headers=FOREIGN).status_code == 200
    [mail] = queued_mail("camille@example.org")
    assert link_in(mail.text_body).startswith(f"{PUBLIC_URL}/auth/confirm/")
    assert "evil.example" not in mail.text_body + (mail.html_body or "")


def test_a_resent_confirmation_link_points_to_the_public_url(client, make, login):
    user = login(make.user(confirmed=False))
    share_session_with(client, "evil.example")
    response = client.post("/auth/confirm/resend", headers=FOREIGN)
    assert response.status_code == 302 and "/auth/login" not in response.headers["Location"]
    [mail] = queued_mail(user.email)
    assert link_in(mail.text_body).startswith(f"{PUBLIC_URL}/auth/confirm/")
