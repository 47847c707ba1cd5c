"""The language of the mail written to a person who never chose one (an account made with
`flask create-user`, or before the language was saved): the language of the page they ask for it
from when they do, else the platform's default language — the same for every kind of mail, and
never the language of an admin's page."""
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
