"""The language of the mail written to a person who never chose one (an account made with
`flask create-user`, by an admin, or before the language was saved): the language of the page
they ask for it from when they do, else the language they last saw the pages in while signed in,
else the platform's default language — the same for every kind of mail, and never the language
of an admin's page."""
from contextlib import ExitStack

import pytest

from consult.extensions import db
from consult.notifications.models import OutgoingMail
from consult.notifications.services import notify

from ..conftest import running_app
from ..factories import PASSWORD, Factory


def _mails_to(email):
    return db.session.scalars(db.select(OutgoingMail).where(OutgoingMail.recipient == email)
                              .order_by(OutgoingMail.id)).all()


def test_a_link_sent_again_by_an_admin_is_in_the_person_s_language_not_the_admin_s(client, make, login):
    login(make.user(platform_admin=True, locale="en"))
    never_chose = make.user(email="bob@example.org", confirmed=False)
    english = make.user(email="jane@example.org", confirmed=False, locale="en")
    db.session.commit()
    for person in (never_chose, english):
        assert client.post(f"/admin/accounts/{person.id}/confirmation", headers={"Accept-Language": "en"}).status_code == 303
    [french] = _mails_to("bob@example.org")
    assert '<html lang="fr">' in french.html_body and "Confirmez votre adresse" in french.subject
    [chosen] = _mails_to("jane@example.org")
    assert '<html lang="en">' in chosen.html_body and "Confirm your email address" in chosen.subject


@pytest.fixture
def english_platform(database_url, tmp_path):
    """A platform whose default language is English."""
    with ExitStack() as stack:
        yield stack.enter_context(running_app(database_url, tmp_path, BABEL_DEFAULT_LOCALE="en"))


def test_every_mail_to_a_person_who_never_chose_is_in_the_platform_s_default_language(english_platform):
    make = Factory()
    person = make.user(email="camille@example.org")
    notify(person, "team_appointed", {"role": "moderator", "territory_name": "Agen"}, "/moderation/")
    client = english_platform.test_client()
    client.post("/auth/reset", data={"email": "camille@example.org"}, headers={"Accept-Language": ""})
    db.session.commit()
    notice, reset = _mails_to("camille@example.org")
    assert '<html lang="en">' in notice.html_body and "You are now a moderator of Agen" in notice.subject
    assert '<html lang="en">' in reset.html_body and "Choose a new password" in reset.subject


def test_the_owner_of_an_address_somebody_asks_for_is_not_written_in_their_language(client, make, login):
    """Somebody signed in on an English page asks to move to an address that has an account: its
    owner, who never chose a language, is told in the platform's, not in the asker's."""
    login(make.user(locale="en"))
    make.user(email="bob@example.org")
    db.session.commit()
    client.post("/me/email", data={"email": "bob@example.org", "email_password": PASSWORD})
    [told] = _mails_to("bob@example.org")
    assert "Votre adresse e-mail n’a pas changé" in told.subject


def _signed_in(app, email, language, remember=False):
    """A browser whose settings ask for `language`, in which the person signs in with their password."""
    browser = app.test_client()
    data = {"email": email, "password": PASSWORD, **({"remember": "y"} if remember else {})}
    response = browser.post("/auth/login", data=data, headers={"Accept-Language": language})
    assert response.status_code == 302, response.text
    return browser


def _staff_browser(app, user):
    """A browser in which a member of staff is signed in."""
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["_user_id"] = Factory().signed_in(user).get_id()
    return browser


def _hidden_by_a_french_moderator(app, make, *authors):
    """A moderator, reading the site in French, hides a proposal of each of `authors`."""
    territory = make.territory()
    consultation = make.consultation(territory)
    moderator = _staff_browser(app, make.member(make.user(), territory, "moderator"))
    for author in authors:
        proposal = make.proposal(consultation, author, title="Un jardin partagé")
        response = moderator.post("/moderation/act", headers={"Accept-Language": "fr"}, data={
            "target_type": "proposal", "target_id": proposal.id, "action": "hide", "rule": "spam",
            "explanation": "Publicité."})
        assert response.status_code == 302


def test_a_resident_who_never_chose_hears_of_a_moderator_s_decision_in_the_language_they_read_the_site_in(app, make):
    """Two residents read the site in English, as their browsers ask: the one who never chose a
    language hears of the French-speaking moderator's decision in English; the one who chose
    French on their profile keeps French."""
    jane = make.user(email="jane@example.org")
    marie = make.user(email="marie@example.org", locale="fr")
    for person in (jane, marie):
        _signed_in(app, person.email, "en-GB,en;q=0.8")
    _hidden_by_a_french_moderator(app, make, jane, marie)
    [english] = _mails_to("jane@example.org")
    assert english.subject == "[Consult] The moderators hid your proposal “Un jardin partagé”."
    assert '<html lang="en">' in english.html_body and "Rule of the charter: spam or advertising." in english.text_body
    [french] = _mails_to("marie@example.org")
    assert french.subject == "[Consult] L’équipe de modération a masqué votre proposition « Un jardin partagé »."


def test_on_an_english_platform_a_resident_who_signed_in_in_french_hears_in_french(english_platform):
    make = Factory()
    camille = make.user(email="camille@example.org")
    _signed_in(english_platform, camille.email, "fr-FR,fr;q=0.9")
    _hidden_by_a_french_moderator(english_platform, make, camille)
    [notice] = _mails_to("camille@example.org")
    assert '<html lang="fr">' in notice.html_body
    assert notice.subject == "[Consult] L’équipe de modération a masqué votre proposition « Un jardin partagé »."


def test_mail_follows_the_browser_last_used_even_when_it_comes_back_by_its_remember_cookie(app, make):
    """Remembered on an English computer, the person then signs in on a French one, and comes
    back to the English one days later (its remember cookie signs them in again): the mail
    written to them afterwards is in English."""
    jane = make.user(email="jane@example.org")
    at_home = _signed_in(app, jane.email, "en", remember=True)
    _signed_in(app, jane.email, "fr")
    at_home.delete_cookie("session")
    assert "Sign out" in at_home.get("/me", headers={"Accept-Language": "en"}).text
    _hidden_by_a_french_moderator(app, make, jane)
    [notice] = _mails_to("jane@example.org")
    assert notice.subject == "[Consult] The moderators hid your proposal “Un jardin partagé”."


def test_an_english_speaking_admin_s_page_does_not_change_the_language_of_the_person_they_appoint(english_platform):
    """On an English platform, a person who reads the site in French (as their browser asks) is
    appointed moderator by a platform admin reading it in English: they are told in French."""
    make = Factory()
    territory = make.territory(slug="agen", name="Agen")
    camille = make.user(email="camille@example.org")
    _signed_in(english_platform, camille.email, "fr")
    admin = _staff_browser(english_platform, make.user(platform_admin=True, locale="en"))
    response = admin.post(f"/admin/territories/{territory.slug}/members", headers={"Accept-Language": "en"},
                          data={"email": camille.email, "role": "moderator"})
    assert response.status_code == 302
    [notice] = _mails_to("camille@example.org")
    assert '<html lang="fr">' in notice.html_body
    assert "Vous faites désormais partie de l’équipe de modération (Agen)" in notice.subject
