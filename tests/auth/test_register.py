import pytest

from consult.auth.models import User
from consult.extensions import db

from .conftest import link_in, path_of, queued_mail

GOOD = {"email": "Camille@Example.org", "display_name": "Camille", "password": "un mot de passe long",
        "confirm": "un mot de passe long", "accept_terms": "y"}


def users():
    return db.session.scalars(db.select(User)).all()


def test_register_page_links_to_the_terms(client):
    page = client.get("/auth/register").get_data(as_text=True)
    assert 'href="/pages/terms"' in page
    assert 'name="accept_terms"' in page


def test_register_creates_an_unconfirmed_account_and_asks_to_open_the_mail(client):
    response = client.post("/auth/register", data=GOOD)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Check your inbox</h1>" in page
    assert "We have sent a message to Camille@Example.org." in page
    [user] = users()
    assert user.email == "camille@example.org"
    assert user.display_name == "Camille"
    assert user.confirmed_at is None and user.terms_accepted_at is not None
    assert user.check_password("un mot de passe long")
    assert user.password_hash.startswith("scrypt:")
    [mail] = queued_mail("camille@example.org")
    assert mail.subject == "[Consult] Confirm your email address"
    assert "/auth/confirm/" in link_in(mail.text_body)
    assert client.get("/me").status_code == 302  # not signed in before the address is proved


def test_a_name_sent_on_several_lines_writes_no_line_of_its_own_into_the_mail(client):
    """Whoever signs up with somebody else's address chooses the name the mail to them greets:
    line breaks sent in it (no browser's text box sends one) do not write lines of the mail."""
    name = "Camille\r\n\r\nYour account closes today:\thttps://evil.example"
    assert client.post("/auth/register", data={**GOOD, "display_name": name}).status_code == 200
    [user] = users()
    assert user.display_name == "Camille Your account closes today: https://evil.example"
    [mail] = queued_mail("camille@example.org")
    assert mail.text_body.startswith("Hello Camille Your account closes today: https://evil.example,\n")


def test_a_name_cannot_turn_round_the_words_shown_after_it(client):
    """A right-to-left override in a name would make the rest of the line read backwards
    ("Camille a écrit" shown with its words reversed); a right-to-left mark stays."""
    name = "Cam\u202eille \u2067Leïla\u2069 \u200fنور"
    assert client.post("/auth/register", data={**GOOD, "display_name": name}).status_code == 200
    [user] = users()
    assert user.display_name == "Camille Leïla \u200fنور"


def test_the_confirmation_link_signs_the_new_resident_in_once(client):
    client.post("/auth/register", data=GOOD)
    link = path_of(link_in(queued_mail("camille@example.org")[0].text_body))
    response = client.post(link, data={"password": GOOD["password"]})
    assert response.headers["Location"].endswith("/me")
    page = client.get("/me").get_data(as_text=True)
    assert "Thank you, your email address is confirmed." in page
    assert "camille@example.org" in page
    client.post("/auth/logout")
    # The link has done its work: opened again, it confirms nothing and signs nobody in.
    assert client.get(link).headers["Location"].endswith("/auth/login")
    assert client.post(link, data={"password": GOOD["password"]}).headers["Location"].endswith("/auth/login")
    assert client.get("/me").status_code == 302


@pytest.mark.parametrize("language", ["fr", "en"])
def test_confirmation_mail_is_in_the_language_of_the_person(client, language):
    client.post("/auth/register", data=GOOD, headers={"Accept-Language": language})
    [user] = users()
    assert user.last_locale == language and user.locale is None  # no choice of theirs: the page's language
    [mail] = queued_mail()
    assert f'<html lang="{language}">' in mail.html_body


@pytest.mark.parametrize("field, value, message", [
    ("email", "", "Enter your email address."),
    ("email", "not-an-address", "Enter an email address like name@example.org."),
    ("display_name", "", "Enter the name other people will see."),
    ("display_name", "x" * 81, "Between 2 and 80 characters, please."),
    ("password", "short", "Your password needs at least 10 characters."),
    ("password", "p" * 201, "Your password may have 200 characters at most."),
    ("confirm", "something else entirely", "The two passwords are different."),
    ("accept_terms", None, "You need to accept the terms of use to create an account."),
])
def test_bad_input_is_refused_next_to_the_field_and_nothing_saved(client, field, value, message):
    data = dict(GOOD)
    if value is None:
        data.pop(field)
    else:
        data[field] = value
    response = client.post("/auth/register", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'<p class="field-error" id="{field}-error">{message}' in page
    assert users() == []
    assert queued_mail() == []


def test_an_address_with_an_account_gets_the_same_answer_and_its_owner_a_mail(client, make):
    """Registration never tells who has an account: the page is the one a new address gets,
    and the mail goes to the address, whose owner alone reads it."""
    owner = make.user(email="camille@example.org", name="Camille D.", locale="fr")
    password_hash = owner.password_hash
    response = client.post("/auth/register", data=GOOD)
    assert response.status_code == 200
    assert "We have sent a message to Camille@Example.org." in response.get_data(as_text=True)
    assert len(users()) == 1
    assert owner.password_hash == password_hash and owner.display_name == "Camille D."
    [mail] = queued_mail("camille@example.org")
    assert mail.subject == "[Consult] Vous avez déjà un compte"  # in the owner's language
    assert "Bonjour Camille D.," in mail.text_body
    reset = link_in(mail.text_body.split("/auth/login", 1)[1])
    assert "/auth/reset/" in reset
    assert client.get(path_of(reset)).status_code == 200  # a working link to choose a new password
    assert client.get("/me").status_code == 302


def test_signing_up_again_before_confirming_sends_the_confirmation_link_again(client):
    """Signing in is refused until the address is confirmed: whoever signs up again (the first
    mail lost, or its link expired) gets the link that confirms it, not one to sign in."""
    client.post("/auth/register", data=GOOD)
    again = dict(GOOD, display_name="Camille B.", password="un autre mot de passe", confirm="un autre mot de passe")
    response = client.post("/auth/register", data=again)
    assert "We have sent a message to Camille@Example.org." in response.text  # the same answer
    [_first, mail] = queued_mail("camille@example.org")
    assert mail.subject == "[Consult] Confirm your email address" and "/auth/login" not in mail.text_body
    response = client.post(path_of(link_in(mail.text_body)), data={"password": GOOD["password"]})
    assert response.headers["Location"].endswith("/me")
    assert "Thank you, your email address is confirmed." in client.get("/me").text


def test_signed_in_people_are_sent_to_their_account(client, make, login):
    login(make.user())
    assert client.get("/auth/register").headers["Location"].endswith("/me")


def test_a_post_without_csrf_token_is_refused_and_nothing_saved(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/auth/register", data=GOOD)
    assert response.status_code == 400
    assert users() == []
    assert queued_mail() == []
