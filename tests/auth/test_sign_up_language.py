"""The language of a new account: the language of the sign-up page writes its first mail, and
what the person later chooses with the switcher wins, on the pages and in the mail, whether they
chose it signed in or before they first signed in."""
import pytest

from consult.auth.models import User
from consult.extensions import db
from consult.notifications.services import notify

from ..factories import PASSWORD
from .conftest import link_in, path_of, queued_mail

SIGN_UP = {"email": "camille@example.org", "display_name": "Camille", "password": "un mot de passe long",
           "confirm": "un mot de passe long", "accept_terms": "y"}


class Browser:
    """A browser whose settings ask for pages in `language`."""

    def __init__(self, app, language):
        self.client, self.headers = app.test_client(), {"Accept-Language": language}

    def get(self, url):
        return self.client.get(url, headers=self.headers)

    def post(self, url, data):
        return self.client.post(url, data=data, headers=self.headers)


def sign_up_in_french(client):
    """Camille signs up from a browser set to French, choosing no language."""
    assert client.post("/auth/register", data=SIGN_UP).status_code == 200
    [mail] = queued_mail("camille@example.org")
    assert '<html lang="fr">' in mail.html_body  # the confirmation: in the page's language
    return path_of(link_in(mail.text_body))


def confirm(client, link):
    assert client.post(link, data={"password": SIGN_UP["password"]}).status_code == 302


def switch_to(client, locale):
    assert client.post("/language", data={"locale": locale, "next": "/"}).status_code == 302


def a_mail_to_camille():
    camille = db.session.scalar(db.select(User).filter_by(email="camille@example.org"))
    notify(camille, "team_appointed", {"role": "moderator", "territory_name": "Agen"}, "/moderation/")
    db.session.commit()
    return queued_mail("camille@example.org")[-1]


def page_language(client):
    html = client.get("/me").text
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("before", [True, False], ids=["switched-before-confirming", "switched-once-signed-in"])
def test_the_language_chosen_after_signing_up_wins_over_the_sign_up_page_s(app, before):
    client = Browser(app, "fr")
    link = sign_up_in_french(client)
    if before:  # on the "check your inbox" page, not signed in yet
        switch_to(client, "en")
    confirm(client, link)  # the link signs Camille in
    if not before:
        switch_to(client, "en")
    assert page_language(client) == "en"
    mail = a_mail_to_camille()
    assert '<html lang="en">' in mail.html_body and "You are now a moderator of Agen" in mail.subject
    # signed in again from another browser, set to French: still the language Camille chose
    client.post("/auth/logout", data={})
    other = Browser(app, "fr")
    assert other.post("/auth/login", data={"email": SIGN_UP["email"], "password": SIGN_UP["password"]}).status_code == 302
    assert page_language(other) == "en"
    mail = a_mail_to_camille()
    assert '<html lang="en">' in mail.html_body


def test_without_a_choice_the_mail_keeps_the_sign_up_page_s_language(app):
    client = Browser(app, "fr")
    sign_up_in_french(client)
    mail = a_mail_to_camille()  # before Camille ever signs in
    assert '<html lang="fr">' in mail.html_body


def test_a_language_chosen_before_signing_up_then_changed_before_confirming_is_the_last_one(app):
    client = Browser(app, "en")
    switch_to(client, "fr")
    assert client.post("/auth/register", data=SIGN_UP).status_code == 200
    [mail] = queued_mail("camille@example.org")
    assert '<html lang="fr">' in mail.html_body
    switch_to(client, "en")
    confirm(client, path_of(link_in(mail.text_body)))
    assert page_language(client) == "en"
    assert db.session.scalar(db.select(User.locale).filter_by(email="camille@example.org")) == "en"


def test_signing_in_never_replaces_the_language_the_account_has(app, make):
    """Chosen on the account (signed in, elsewhere), it wins over a browser's older choice."""
    make.user(email="camille@example.org", locale="fr")
    client = Browser(app, "en")
    switch_to(client, "en")
    assert client.post("/auth/login", data={"email": SIGN_UP["email"], "password": PASSWORD}).status_code == 302
    assert page_language(client) == "fr"
    assert db.session.scalar(db.select(User.locale).filter_by(email="camille@example.org")) == "fr"
