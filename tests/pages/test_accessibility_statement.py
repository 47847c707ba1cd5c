"""The accessibility statement: the platform's own until the platform admin writes the site's,
which the page and the footer then show."""
import re

import pytest

from consult.extensions import db
from consult.pages.models import Page

FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}
STATEMENT = {"title_fr": "Déclaration d’accessibilité de Villeneuve",
             "body_fr": "Villeneuve-sur-Lot est **partiellement conforme** au RGAA : audit du 3 mars 2027.",
             "title_en": "Villeneuve's accessibility statement",
             "body_en": "Villeneuve-sur-Lot is **partially compliant** with the RGAA: audit of 3 March 2027.",
             "compliance": "partial"}


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
    assert re.search(r'<input[^>]*checked[^>]*value="none"|<input[^>]*value="none"[^>]*checked', form)
    response = client.post("/admin/pages/accessibility", data=STATEMENT)
    assert response.status_code == 302 and response.headers["Location"].endswith("/accessibility")

    french = client.get("/accessibility", headers=FR).text
    assert "<h1>Déclaration d’accessibilité de Villeneuve</h1>" in french
    assert "<strong>partiellement conforme</strong>" in french and "Dernière mise à jour le" in french
    assert "aucun audit de conformité" not in french and "tel qu’il est livré" not in french
    assert footer_link(french) == "Accessibilité\u00a0: partiellement conforme"  # as declared
    english = client.get("/accessibility", headers=EN).text
    assert "<strong>partially compliant</strong>" in english and "Last updated on" in english
    assert footer_link(english) == "Accessibility: partially compliant"
    assert footer_link(client.get("/pages/terms", headers=EN).text) == "Accessibility: partially compliant"

    client.post("/admin/pages/accessibility", data={**STATEMENT, "compliance": "full"})
    assert footer_link(client.get("/pages/terms", headers=EN).text) == "Accessibility: fully compliant"
    again = client.get("/admin/pages/accessibility").text  # the form shows the status declared
    assert re.search(r'<input[^>]*checked[^>]*value="full"|<input[^>]*value="full"[^>]*checked', again)


@pytest.mark.parametrize("compliance", [None, "", "mostly"])
def test_a_statement_must_say_its_compliance_status(client, make, login, compliance):
    login(make.user(platform_admin=True, locale="fr"))
    data = {key: value for key, value in STATEMENT.items() if key != "compliance"}
    if compliance is not None:
        data["compliance"] = compliance
    response = client.post("/admin/pages/accessibility", data=data, headers=FR)
    assert response.status_code == 422
    assert 'id="compliance-error"' in response.text
    assert saved_statements() == 0
    assert footer_link(client.get("/pages/terms", headers=FR).text) == "Accessibilité\u00a0: non conforme"


def test_a_statement_saved_before_its_status_was_asked_names_none_in_the_footer(client, make):
    db.session.add(Page(slug="accessibility", title={"fr": "Accessibilité"}, body={"fr": "Notre déclaration."}))
    db.session.commit()
    client.application.extensions.pop("footer_pages", None)
    assert footer_link(client.get("/pages/terms", headers=EN).text) == "Accessibility"


def test_other_pages_have_no_compliance_status(client, make, login):
    login(make.user(platform_admin=True))
    assert 'name="compliance"' not in client.get("/admin/pages/terms").text
    client.post("/admin/pages/terms", data={**STATEMENT, "title_fr": "Conditions"})
    assert db.session.scalar(db.select(Page.compliance).where(Page.slug == "terms")) is None


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
