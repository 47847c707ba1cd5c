"""Changing one's email address: confirmed from the new address, the old one told."""
import re

import pytest

from consult.extensions import db
from consult.notifications.models import OutgoingMail

from ..factories import PASSWORD
from ..helpers import share_session_with


def mails_to(address):
    return list(db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == address)
                                   .order_by(OutgoingMail.id)))


def link_path(mail):
    return re.search(r"https?://[^/\s]+(/me/email/confirm/[^\s\"<>]+)", mail.text_body).group(1)


@pytest.fixture
def alice(make, login):
    return login(make.user(email="alice@example.org", name="Alice", locale="en"))


def test_the_new_address_is_used_once_its_link_is_opened_and_the_old_one_is_told(client, alice):
    response = client.post("/me/email", data={"email": " Alice.New@Example.org ", "email_password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/me").text
    assert "We sent a link to alice.new@example.org: open it to confirm the change. Until then, your account " \
           "keeps alice@example.org." in page
    db.session.expire_all()
    assert alice.email == "alice@example.org"  # nothing changes before the link is opened
    (mail,) = mails_to("alice.new@example.org")
    assert mail.subject == "[Consult] Confirm your new email address" and "alice.new@example.org" in mail.text_body

    page = client.get(link_path(mail))
    assert page.status_code == 200
    assert "You are about to make alice.new@example.org the address of your Consult account" in page.text
    assert '<button type="submit" class="button">Use this address</button>' in page.text
    response = client.post(link_path(mail))
    assert response.status_code == 302 and response.headers["Location"] == "/me"
    assert "Your email address is now alice.new@example.org." in client.get("/me").text
    db.session.expire_all()
    assert alice.email == "alice.new@example.org"
    (notice,) = mails_to("alice@example.org")
    assert notice.subject == "[Consult] Your email address was changed"
    assert "alice.new@example.org" not in notice.text_body  # the new address is not given away
    assert "write at once to the platform's team, from this address" in notice.text_body
    # the link works once
    assert client.get(link_path(mail)).status_code == 400
    assert client.post(link_path(mail)).status_code == 400


@pytest.mark.parametrize("form, error", [
    ({"email": "alice@example.org", "email_password": PASSWORD}, "This is already your address."),
    ({"email": "not an address", "email_password": PASSWORD}, "Enter an email address like name@example.org."),
    ({"email": "alice.new@example.org", "email_password": "wrong"}, "This is not your current password."),
])
def test_refused_changes_say_why_and_send_nothing(client, make, alice, form, error):
    make.user(email="bob@example.org")
    response = client.post("/me/email", data=form)
    assert response.status_code == 422 and error in response.text
    assert db.session.scalar(db.select(db.func.count(OutgoingMail.id))) == 0


def test_an_address_with_an_account_gets_the_usual_answer_and_its_owner_a_mail(client, make, alice):
    """The page does not tell who has an account: the owner of the address is told instead."""
    bob = make.user(email="bob@example.org", name="Bob", locale="fr")
    response = client.post("/me/email", data={"email": "Bob@Example.org", "email_password": PASSWORD})
    assert response.status_code == 302
    assert "We sent a link to bob@example.org: open it to confirm the change." in client.get("/me").text
    (mail,) = mails_to("bob@example.org")
    assert mail.subject == "[Consult] Votre adresse e-mail n’a pas changé"  # in Bob’s language
    assert "Bonjour Bob," in mail.text_body and "/me/email/confirm/" not in mail.text_body
    assert mails_to("alice@example.org") == []
    db.session.expire_all()
    assert alice.email == "alice@example.org" and bob.email == "bob@example.org"


def test_a_new_password_voids_the_pending_change_of_address(client, alice):
    """Whoever asked for the change may have been an intruder in Alice's session: once she
    changes her password, the link sent to their address no longer takes her account."""
    client.post("/me/email", data={"email": "intruder@example.org", "email_password": PASSWORD})
    (mail,) = mails_to("intruder@example.org")
    new = "a brand new passphrase"
    client.post("/me/password", data={"current_password": PASSWORD, "password": new, "confirm": new})
    assert client.post(link_path(mail)).status_code == 400
    db.session.expire_all()
    assert alice.email == "alice@example.org"


def test_a_link_overtaken_by_events_changes_nothing(client, make, alice):
    client.post("/me/email", data={"email": "alice.new@example.org", "email_password": PASSWORD})
    (mail,) = mails_to("alice.new@example.org")
    make.user(email="alice.new@example.org")  # somebody took the address meanwhile
    for response in (client.get(link_path(mail)), client.post(link_path(mail))):
        assert response.status_code == 400 and "Your account keeps its address." in response.text
    db.session.expire_all()
    assert alice.email == "alice@example.org"
    assert client.get("/me/email/confirm/forged-token").status_code == 400


def test_opening_the_link_changes_nothing_until_the_button_is_pressed(app, client, alice):
    """A mail scanner follows the link (HEAD or GET) at the mailbox it was sent to, perhaps a
    stranger's when the address was mistyped: the account keeps its address, and Alice's
    sessions theirs."""
    client.post("/me/email", data={"email": "alice.new@example.org", "email_password": PASSWORD})
    (mail,) = mails_to("alice.new@example.org")
    scanner = app.test_client()
    assert scanner.head(link_path(mail)).status_code == 200
    assert scanner.get(link_path(mail)).status_code == 200
    db.session.expire_all()
    assert alice.email == "alice@example.org"
    assert mails_to("alice@example.org") == []  # no "your address was changed"
    assert client.get("/me").status_code == 200


def test_the_link_works_from_another_device_where_nobody_is_signed_in(app, client, alice):
    client.post("/me/email", data={"email": "alice.new@example.org", "email_password": PASSWORD})
    (mail,) = mails_to("alice.new@example.org")
    app.config["WTF_CSRF_ENABLED"] = True
    other_device = app.test_client()
    page = other_device.get(link_path(mail), headers={"Accept-Language": "fr"})
    assert '<html lang="fr">' in page.text and "<h1>Confirmez votre nouvelle adresse e-mail</h1>" in page.text
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    assert other_device.post(link_path(mail)).status_code == 400  # the button's form, not a bare request
    response = other_device.post(link_path(mail), data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
    db.session.expire_all()
    assert alice.email == "alice.new@example.org"


def test_the_link_points_to_the_public_url_whatever_the_host_header(app, client, alice):
    app.config["PUBLIC_URL"] = "https://consult.example.org/civic"
    share_session_with(client, "evil.example")
    response = client.post("/me/email", data={"email": "alice.new@example.org", "email_password": PASSWORD},
                           headers={"Host": "evil.example"})
    assert response.status_code == 302 and response.headers["Location"] == "/me"
    (mail,) = mails_to("alice.new@example.org")
    assert "https://consult.example.org/civic/me/email/confirm/" in mail.text_body
    assert "evil.example" not in mail.text_body + (mail.html_body or "")


def test_a_reset_link_sent_before_the_change_no_longer_works_and_the_session_stays(client, alice):
    client.post("/auth/reset", data={"email": "alice@example.org"})
    (reset,) = mails_to("alice@example.org")
    reset_path = re.search(r"https?://[^/\s]+(/auth/reset/[^\s\"<>]+)", reset.text_body).group(1)
    client.post("/me/email", data={"email": "alice.new@example.org", "email_password": PASSWORD})
    (mail,) = mails_to("alice.new@example.org")
    assert client.post(link_path(mail)).status_code == 302
    assert client.get("/me").status_code == 200  # still signed in
    response = client.post(reset_path, data={"password": "a brand new passphrase", "confirm": "a brand new passphrase"})
    assert response.status_code == 400 and "This link is not valid any more" in response.text
    db.session.expire_all()
    assert alice.check_password(PASSWORD)


def test_a_used_link_never_works_again_even_after_changing_back(client, alice):
    """Alice moves to a new address, then back: the first link, if someone kept it, must not
    give her account back to the other mailbox (whose owner could then reset her password)."""
    client.post("/me/email", data={"email": "alice.new@example.org", "email_password": PASSWORD})
    (first,) = mails_to("alice.new@example.org")
    assert client.post(link_path(first)).status_code == 302
    client.post("/me/email", data={"email": "alice@example.org", "email_password": PASSWORD})
    back = [mail for mail in mails_to("alice@example.org") if "/me/email/confirm/" in mail.text_body]
    assert client.post(link_path(back[-1])).status_code == 302
    db.session.expire_all()
    assert alice.email == "alice@example.org"
    stranger = client.application.test_client()
    assert stranger.post(link_path(first)).status_code == 400
    db.session.expire_all()
    assert alice.email == "alice@example.org"


def test_the_change_signs_out_the_other_sessions_and_keeps_this_one(app, client, make, alice):
    other_device = app.test_client()
    other_device.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD})
    assert other_device.get("/me").status_code == 200
    client.post("/me/email", data={"email": "alice.new@example.org", "email_password": PASSWORD})
    (mail,) = mails_to("alice.new@example.org")
    assert client.post(link_path(mail)).status_code == 302
    page = client.get("/me")
    assert page.status_code == 200
    assert ("Your email address is now alice.new@example.org. Your sessions on other devices are signed out."
            in page.text)
    assert other_device.get("/me").status_code == 302


def test_the_data_export_does_not_tell_whether_the_new_address_has_an_account(client, make, alice):
    make.user(email="bob@example.org")
    for address in ("bob@example.org", "nobody@example.org"):
        client.post("/me/email", data={"email": address, "email_password": PASSWORD})
    mail = client.get("/me/data.json").get_json()["mail"]
    assert [row["recipient"] for row in mail] == []  # neither link is Alice's until she opens it
    (link,) = mails_to("nobody@example.org")
    client.post(link_path(link))
    assert [row["recipient"] for row in client.get("/me/data.json").get_json()["mail"]] == [
        "nobody@example.org", "alice@example.org"]  # the link, now hers, and the notice to her old address


def test_the_data_export_keeps_the_link_of_an_address_the_account_moved_on_from(client, alice):
    """The link to an address Alice used stays in her download once she moves on to another;
    one she never opened stays out of it."""
    client.post("/me/email", data={"email": "nobody@example.org", "email_password": PASSWORD})
    for address in ("alice.home@example.org", "alice.work@example.org"):
        client.post("/me/email", data={"email": address, "email_password": PASSWORD})
        (link,) = mails_to(address)
        assert client.post(link_path(link)).status_code == 302
    mail = client.get("/me/data.json").get_json()["mail"]
    assert [(row["recipient"], row["subject"]) for row in mail] == [
        ("alice.home@example.org", "[Consult] Confirm your new email address"),
        ("alice@example.org", "[Consult] Your email address was changed"),
        ("alice.work@example.org", "[Consult] Confirm your new email address"),
        ("alice.home@example.org", "[Consult] Your email address was changed")]


def test_asking_again_and_again_to_move_to_an_address_does_not_flood_it(limited_app_with):
    app = limited_app_with(MAIL_PER_ADDRESS_RATE_LIMIT="2 per hour", LOGIN_RATE_LIMIT="100 per minute")
    from ..factories import Factory

    Factory().user(email="alice@example.org", locale="en")
    Factory().user(email="victim@example.org")
    client = app.test_client()
    client.post("/auth/login", data={"email": "alice@example.org", "password": PASSWORD})
    for address in ("victim@example.org", "stranger@example.org"):
        codes = [client.post("/me/email", data={"email": address, "email_password": PASSWORD}).status_code
                 for _ in range(5)]
        assert codes == [302] * 5  # the same answer, past the limit too
        assert len(mails_to(address)) == 2
