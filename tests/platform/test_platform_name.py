"""PLATFORM_NAME: a town's platform is known by its own name, on its pages and in its mail."""
import re
from contextlib import ExitStack

import pytest

from consult.extensions import db
from consult.notifications.models import OutgoingMail

from ..conftest import running_app

NAME = "Agen & vous"
ACCOUNT = {"email": "camille@example.org", "display_name": "Camille", "password": "un mot de passe long",
           "confirm": "un mot de passe long", "accept_terms": "y"}


@pytest.fixture
def named(database_url, tmp_path):
    with ExitStack() as stack:
        yield stack.enter_context(running_app(database_url, tmp_path, PLATFORM_NAME=NAME)).test_client()


def test_the_pages_are_titled_and_signed_with_the_platform_s_name(named):
    page = named.get("/territories/", headers={"Accept-Language": "fr"}).text
    assert "· Agen &amp; vous</title>" in page
    assert '<span>Agen &amp; vous</span>' in page
    assert "Agen &amp; vous — les consultations participatives de vos collectivités." in page
    assert "Les collectivités qui consultent leurs habitantes et habitants sur Agen &amp; vous." in page
    assert not re.search(r"\bConsult\b", page)


def test_the_mail_is_named_in_its_subject_and_signature(named):
    named.post("/auth/register", data=ACCOUNT, headers={"Accept-Language": "fr"})
    [mail] = db.session.scalars(db.select(OutgoingMail)).all()
    assert mail.subject == "[Agen & vous] Confirmez votre adresse e-mail"
    assert "Merci d’avoir créé un compte sur Agen & vous." in mail.text_body
    assert mail.text_body.rstrip().endswith("Agen & vous")
    assert "<p>Agen &amp; vous</p>" in mail.html_body


def test_the_default_terms_name_the_platform(named):
    page = named.get("/pages/terms", headers={"Accept-Language": "fr"}).text
    assert "Agen &amp; vous est une plateforme de participation citoyenne" in page
    assert not re.search(r"\bConsult\b", page)


def test_the_api_documentation_is_titled_with_the_platform_s_name(named):
    """The explorer on /api/v1/docs shows the document's title and description."""
    info = named.get("/api/v1/openapi.json").get_json()["info"]
    assert info["title"] == "Agen & vous API"
    assert info["description"].startswith("Consultations, proposals, votes, comments and moderation of Agen & vous.")
    assert not re.search(r"\bConsult\b", str(info))
