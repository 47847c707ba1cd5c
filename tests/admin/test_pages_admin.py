"""The platform admin finds every platform page on /admin/, creates new ones and deletes those
that are not built in; a page can no longer be created by typing an address."""
import re
import time

import pytest

from consult.extensions import db
from consult.pages.models import Page
from consult.pages.services import FOOTER_SECONDS

from ..helpers import field_languages

NEW = {"slug": "legal-notice", "title_fr": "Mentions légales", "title_en": "Legal notice",
       "body_fr": "Éditeur : la **mairie**.", "body_en": ""}


@pytest.fixture
def admin(make, login):
    return login(make.user(platform_admin=True))


def add_page(slug, fr="Titre", en=None):
    page = Page(slug=slug, title={"fr": fr, **({"en": en} if en else {})}, body={"fr": "Texte"})
    db.session.add(page)
    db.session.commit()
    return page


def slugs():
    return db.session.scalars(db.select(Page.slug).order_by(Page.slug)).all()


def pages_section(html):
    start = html.index('id="pages-title"')
    return html[start:html.index("</section>", start)]


def error_of(html, field):
    start = html.index(f'id="{field}-error"')
    return html[start:html.index("</p>", start)]


LEGAL_PAGES = "The law asks the publisher of a website for a legal notice"


def test_a_new_platform_is_reminded_to_publish_its_legal_notice(client, admin):
    """Only the terms and the charter come with the platform: the legal notice is the town's to write."""
    add_page("terms", "Conditions d'utilisation", "Terms of use")
    assert LEGAL_PAGES in pages_section(client.get("/admin/").text)
    add_page("mentions-legales", "Mentions légales")
    assert LEGAL_PAGES not in pages_section(client.get("/admin/").text)


def test_index_lists_every_page_and_the_built_in_ones_not_adapted_yet(client, admin):
    add_page("terms", "Conditions d'utilisation", "Terms of use")
    add_page("faq", "Questions fréquentes", "Frequent questions")
    section = pages_section(client.get("/admin/").get_data(as_text=True))
    assert 'href="/admin/pages/new"' in section
    # Every page that exists, built in or not, with its address and a way to edit it.
    for slug in ("terms", "faq"):
        assert f'href="/pages/{slug}"' in section
        assert f'href="/admin/pages/{slug}"' in section
    assert "Frequent questions" in section
    # The charter is not written yet: visitors read its default text, which may be adapted.
    assert 'href="/admin/pages/charter"' in section and 'href="/pages/charter"' in section
    assert "the default text, not adapted yet" in section
    # Only the page that is not built in can be deleted.
    assert 'action="/admin/pages/faq/delete"' in section
    assert "/admin/pages/terms/delete" not in section and "/admin/pages/charter/delete" not in section


def test_index_shows_a_page_created_before_in_the_list(client, admin):
    """A page made by the old "any address" editor is no longer an orphan."""
    add_page("orphan-page", "Page oubliée")
    section = pages_section(client.get("/admin/").get_data(as_text=True))
    assert "Page oubliée" in section and 'href="/admin/pages/orphan-page"' in section


@pytest.mark.parametrize("language", ["fr", "en"])
def test_screen_readers_read_each_text_in_its_language_and_its_label_in_the_page_s(client, admin, language):
    add_page("faq", fr="Questions fréquentes")
    for url in ("/admin/pages/new", "/admin/pages/faq"):
        html = client.get(url, headers={"Accept-Language": language}).text
        for name in ("title", "body"):
            assert field_languages(html, f"{name}_fr") == (language, "fr"), url
            assert field_languages(html, f"{name}_en") == (language, "en"), url


def test_new_page_is_created_and_published(client, admin):
    form = client.get("/admin/pages/new").get_data(as_text=True)
    assert 'name="slug"' in form and "<h1>New platform page</h1>" in form
    response = client.post("/admin/pages/new", data=NEW)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/pages/legal-notice")
    page = db.session.scalar(db.select(Page).filter_by(slug="legal-notice"))
    assert page.title == {"fr": "Mentions légales", "en": "Legal notice"}
    html = client.get("/pages/legal-notice", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Mentions légales" in html and "<strong>mairie</strong>" in html
    assert 'href="/pages/legal-notice"' in pages_section(client.get("/admin/").get_data(as_text=True))


@pytest.mark.parametrize("slug, message", [
    ("", "Please give an address name for the page."),
    ("x", "2 to 40 characters"),
    ("a" * 41, "2 to 40 characters"),
    ("Legal", "lower-case letters, digits and single hyphens"),
    ("legal notice", "lower-case letters, digits and single hyphens"),
    ("legal--notice", "single hyphens"),
    ("-legal", "single hyphens"),
    ("légal", "lower-case letters, digits and single hyphens"),
    ("new", "reserved"),
    ("terms", "A page already uses this address name"),
])
def test_new_page_address_is_checked(client, admin, slug, message):
    add_page("terms")
    response = client.post("/admin/pages/new", data=dict(NEW, slug=slug))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in error_of(html, "slug")
    assert 'class="error-summary"' in html
    assert slugs() == ["terms"]
    assert db.session.scalar(db.select(Page.title).filter_by(slug="terms")) == {"fr": "Titre"}


def test_new_page_address_is_trimmed(client, admin):
    assert client.post("/admin/pages/new", data=dict(NEW, slug="  faq ")).status_code == 302
    assert slugs() == ["faq"]


def test_new_page_needs_its_french_text(client, admin):
    response = client.post("/admin/pages/new", data=dict(NEW, title_fr="", body_fr=""))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="title_fr-error"' in html and 'id="body_fr-error"' in html
    assert slugs() == []


def test_an_address_that_is_no_page_opens_no_editor(client, admin):
    """Pages are created from "New page" (with its checks), not by typing an address."""
    assert client.get("/admin/pages/faq").status_code == 404
    assert client.post("/admin/pages/faq", data={"title_fr": "FAQ", "body_fr": "Texte"}).status_code == 404
    assert slugs() == []
    # The built-in pages may be written even before they exist.
    assert client.get("/admin/pages/charter").status_code == 200


def test_edit_page_offers_deletion_only_for_pages_that_are_not_built_in(client, admin):
    add_page("terms")
    add_page("faq")
    assert 'action="/admin/pages/faq/delete"' in client.get("/admin/pages/faq").get_data(as_text=True)
    assert "/delete" not in client.get("/admin/pages/terms").get_data(as_text=True)


def test_deletion_is_confirmed_before_it_is_sent(client, admin):
    """The delete button sits in a closed disclosure that says what happens."""
    add_page("faq", "Questions")
    section = pages_section(client.get("/admin/").get_data(as_text=True))
    confirm = re.search(r'<details class="confirm">(.*?)</details>', section, re.S).group(1)
    assert "Delete the page “Questions”? Its address /pages/faq will no longer lead anywhere" in confirm
    assert 'action="/admin/pages/faq/delete"' in confirm and 'type="submit"' in confirm


def test_platform_admin_deletes_a_page(client, admin):
    add_page("faq", "Questions")
    response = client.post("/admin/pages/faq/delete", follow_redirects=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "The page “Questions” is deleted: its address /pages/faq no longer leads anywhere." in html
    assert 'href="/pages/faq"' not in pages_section(html)
    assert slugs() == []
    assert client.get("/pages/faq").status_code == 404


@pytest.mark.parametrize("slug", ["terms", "charter"])
def test_built_in_pages_cannot_be_deleted(client, admin, slug):
    add_page(slug)
    assert client.post(f"/admin/pages/{slug}/delete").status_code == 403
    assert slugs() == [slug]


def test_deleting_a_missing_page_is_404(client, admin):
    assert client.post("/admin/pages/faq/delete").status_code == 404
    assert client.post("/admin/pages/Not_A_Slug/delete").status_code == 404


def test_deleting_needs_the_form_token(app, client, admin):
    add_page("faq")
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/admin/pages/faq/delete").status_code == 400
    assert slugs() == ["faq"]


@pytest.mark.parametrize("role", ["anonymous", "resident", "territory_admin", "moderator"])
def test_only_the_platform_admin_creates_and_deletes_pages(client, make, login, role):
    add_page("faq")
    if role != "anonymous":
        person = make.user()
        if role in ("territory_admin", "moderator"):
            make.member(person, make.territory(), "admin" if role == "territory_admin" else "moderator")
        login(person)
    expected = (302,) if role == "anonymous" else (403,)
    assert client.get("/admin/pages/new").status_code in expected
    assert client.post("/admin/pages/new", data=dict(NEW, slug="other")).status_code in expected
    assert client.post("/admin/pages/faq/delete").status_code in expected
    assert slugs() == ["faq"]


def footer(html):
    return html[html.index('<footer class="site-footer">'):]


def test_a_page_added_is_linked_from_every_footer_and_goes_with_its_deletion(client, admin):
    client.post("/admin/pages/new", data=NEW)
    french = footer(client.get("/territories/", headers={"Accept-Language": "fr"}).text)
    assert '<a href="/pages/legal-notice">Mentions légales</a>' in french
    assert footer(client.get("/territories/", headers={"Accept-Language": "en"}).text).count("Legal notice") == 1
    assert french.count('href="/pages/terms"') == 1  # the built-in pages are linked once, as before

    client.post("/admin/pages/legal-notice/delete")
    assert "/pages/legal-notice" not in footer(client.get("/territories/").text)


def test_the_footer_reads_the_pages_again_within_seconds(client, monkeypatch):
    assert "/pages/faq" not in footer(client.get("/territories/").text)
    add_page("faq", "Questions fréquentes", "Frequent questions")  # added by another process
    assert "/pages/faq" not in footer(client.get("/territories/").text)
    clock = time.monotonic() + FOOTER_SECONDS
    monkeypatch.setattr("consult.pages.services.time.monotonic", lambda: clock)
    assert '<a href="/pages/faq">Frequent questions</a>' in footer(client.get("/territories/").text)
