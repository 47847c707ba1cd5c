"""The accessibility statement: the platform's own until the platform admin writes the site's,
which the page and the footer then show."""
import re

import pytest

from consult.extensions import db
from consult.pages.models import Page

FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}
STATEMENT = {"title_fr": "Déclaration d’accessibilité de Villeneuve",
             "body_fr": "Villeneuve-sur-Lot est **non conforme** au RGAA : audit du 3 mars 2027.",
             "title_en": "Villeneuve's accessibility statement",
             "body_en": "Villeneuve-sur-Lot is **not compliant** with the RGAA: audit of 3 March 2027."}


def footer_link(html):
    return re.search(r'<a href="/accessibility">([^<]*)</a>', html).group(1)


def saved_statements():
    return db.session.scalar(db.select(db.func.count(Page.id)).where(Page.slug == "accessibility"))


@pytest.mark.parametrize("headers, publisher, software, link", [
    (FR, "L’éditeur de ce site, Villeneuve participe, s’engage",
     "Cette déclaration décrit le logiciel de la plateforme tel qu’il est livré. Villeneuve participe, qui publie "
     "ce site, doit la compléter avec son propre audit", "Accessibilité\u00a0: non conforme"),
    (EN, "The publisher of this site, Villeneuve participe, is committed",
     "software as delivered. Villeneuve participe, which publishes this site, has to complete it with its own "
     "accessibility audit", "Accessibility: not compliant"),
])
def test_the_built_in_statement_names_the_platform_and_asks_for_its_own_audit(app, client, headers, publisher,
                                                                                software, link):
    app.config["PLATFORM_NAME"] = "Villeneuve participe"
    html = client.get("/accessibility", headers=headers).text
    assert publisher in html and software in html
    assert footer_link(html) == link


def test_the_statement_keeps_its_address(client):
    response = client.get("/pages/accessibility")
    assert response.status_code == 308 and response.headers["Location"].endswith("/accessibility")


def test_the_platform_admin_writes_the_sites_own_statement(client, make, login):
    login(make.user(platform_admin=True))
    form = client.get("/admin/pages/accessibility", headers=FR).text
    assert "Cette déclaration décrit le logiciel de la plateforme" in form  # started from the built-in one
    response = client.post("/admin/pages/accessibility", data=STATEMENT)
    assert response.status_code == 302 and response.headers["Location"].endswith("/accessibility")

    french = client.get("/accessibility", headers=FR).text
    assert "<h1>Déclaration d’accessibilité de Villeneuve</h1>" in french
    assert "<strong>non conforme</strong>" in french and "Dernière mise à jour le" in french
    assert "aucun audit de conformité" not in french and "tel qu’il est livré" not in french
    assert footer_link(french) == "Accessibilité"
    english = client.get("/accessibility", headers=EN).text
    assert "<strong>not compliant</strong>" in english and "Last updated on" in english
    assert footer_link(english) == "Accessibility"
    assert footer_link(client.get("/pages/terms", headers=EN).text) == "Accessibility"  # on every page


@pytest.mark.parametrize("role", ["territory_admin", "resident"])
def test_only_the_platform_admin_may_write_it(client, make, login, role):
    user = make.user()
    if role == "territory_admin":
        make.member(user, make.territory(), "admin")
    login(user)
    assert client.get("/admin/pages/accessibility").status_code == 403
    assert client.post("/admin/pages/accessibility", data=STATEMENT).status_code == 403
    assert saved_statements() == 0
    assert "tant qu’aucun audit de conformité n’a été réalisé" in client.get("/accessibility", headers=FR).text


def test_a_statement_without_its_french_text_is_refused_next_to_the_field(client, make, login):
    login(make.user(platform_admin=True, locale="fr"))
    response = client.post("/admin/pages/accessibility", data={**STATEMENT, "body_fr": "  "}, headers=FR)
    assert response.status_code == 422
    error = re.search(r'id="body_fr-error"[^>]*>(.*?)</', response.text, re.S).group(1)
    assert error.strip() == "Veuillez écrire le texte de la page en français."
    assert saved_statements() == 0
    assert "tant qu’aucun audit de conformité n’a été réalisé" in client.get("/accessibility", headers=FR).text
