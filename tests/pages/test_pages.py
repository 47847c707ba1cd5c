"""Platform pages: display, editing by the platform admin, demo content, accessibility statement."""
import re

import pytest

from consult.demo import pages as demo_pages
from consult.extensions import db
from consult.moderation.models import REASONS
from consult.pages.defaults import DEFAULTS
from consult.pages.models import BUILTIN, Page


def add_page(slug="terms", title=None, body=None):
    page = Page(slug=slug, title=title or {"fr": "Conditions d'utilisation", "en": "Terms of use"},
                body=body or {"fr": "Texte **important**.", "en": "An **important** text."})
    db.session.add(page)
    db.session.commit()
    return page


def test_missing_page_is_404(client):
    assert client.get("/pages/nowhere").status_code == 404


@pytest.mark.parametrize("slug, accept_language, title, words", [
    ("terms", "fr", "<h1>Conditions d’utilisation</h1>", "Vos votes sont secrets"),
    ("terms", "en", "<h1>Terms of use</h1>", "Your votes are secret"),
    ("charter", "fr", "<h1>Charte de modération</h1>", "Discours de haine"),
    ("charter", "en", "<h1>Moderation charter</h1>", "Hate speech"),
])
def test_a_new_installation_shows_the_default_terms_and_charter(client, slug, accept_language, title, words):
    """The sign-up form links to the terms from the first day: never to a "not found"."""
    html = client.get(f"/pages/{slug}", headers={"Accept-Language": accept_language}).get_data(as_text=True)
    assert title in html and words in html
    notice = {"fr": "C’est le texte par défaut de la plateforme", "en": "This is the platform’s default text"}
    assert notice[accept_language] in html
    assert db.session.scalar(db.select(db.func.count(Page.id))) == 0  # shown, not saved


def test_the_platform_admin_adapts_a_default_page_from_its_text(client, make, login):
    login(make.user(platform_admin=True))
    form = client.get("/admin/pages/terms").get_data(as_text=True)
    assert "Vos votes sont secrets" in form and "Your votes are secret" in form
    client.post("/admin/pages/terms", data={"title_fr": "Conditions de la ville", "body_fr": "Notre texte."})
    html = client.get("/pages/terms", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Conditions de la ville" in html and "Notre texte." in html
    assert "texte par défaut" not in html and "Dernière mise à jour le" in html


def test_every_built_in_page_has_a_default_text():
    assert set(DEFAULTS) == set(BUILTIN)


@pytest.mark.parametrize("accept_language, lang, title, text", [
    pytest.param("", "fr", "<h1>Conditions d&#39;utilisation</h1>", "<strong>important</strong>",
                 id="french-by-default"),
    pytest.param("en", "en", "<h1>Terms of use</h1>", "An <strong>important</strong> text.", id="english"),
])
def test_page_renders_markdown_in_the_visitors_language(client, accept_language, lang, title, text):
    add_page()
    html = client.get("/pages/terms", headers={"Accept-Language": accept_language}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert title in html
    assert text in html


def test_untranslated_page_falls_back_to_french_marked_as_french(client):
    add_page(title={"fr": "Charte"}, body={"fr": "Soyez courtois."})
    html = client.get("/pages/terms", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<h1 lang="fr">Charte</h1>' in html
    assert re.search(r'<div class="markdown" lang="fr">\s*<p>Soyez courtois.</p>', html)


def test_page_headings_follow_its_title(client):
    """The body is the whole page: its headings start at h2 under the page's h1, never an h1."""
    add_page(body={"fr": "# Un\n\n## Deux\n\n### Trois"})
    html = client.get("/pages/terms").get_data(as_text=True)
    assert "<h2>Un</h2>" in html and "<h2>Deux</h2>" in html and "<h3>Trois</h3>" in html
    assert html.count("<h1") == 1


def test_page_body_is_sanitised(client):
    add_page(body={"fr": "<script>alert(1)</script> [x](javascript:alert(1))"})
    html = client.get("/pages/terms").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "href=\"javascript:" not in html


def test_platform_admin_edits_a_page(client, make, login):
    add_page()
    login(make.user(platform_admin=True))
    form = client.get("/admin/pages/terms").get_data(as_text=True)
    assert "Conditions d&#39;utilisation" in form
    response = client.post("/admin/pages/terms", data={
        "title_fr": "Nouvelles conditions", "title_en": "New terms",
        "body_fr": "Nouveau texte", "body_en": ""})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/pages/terms")
    page = db.session.scalar(db.select(Page).filter_by(slug="terms"))
    assert page.title == {"fr": "Nouvelles conditions", "en": "New terms"}
    assert page.body == {"fr": "Nouveau texte"}
    html = client.get("/pages/terms", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "New terms" in html and "Nouveau texte" in html


def test_platform_admin_writes_a_missing_page(client, make, login):
    login(make.user(platform_admin=True))
    response = client.post("/admin/pages/charter", data={"title_fr": "Charte", "body_fr": "Règles"})
    assert response.status_code == 302
    assert "Charte</h1>" in client.get("/pages/charter").get_data(as_text=True)


@pytest.mark.parametrize("data, field", [
    ({"title_fr": "", "body_fr": "Texte"}, "title_fr"),
    ({"title_fr": "Titre", "body_fr": "   "}, "body_fr"),
    ({"title_fr": "T" * 201, "body_fr": "Texte"}, "title_fr"),
])
def test_page_form_requires_french(client, make, login, data, field):
    add_page()
    login(make.user(platform_admin=True))
    response = client.post("/admin/pages/terms", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html
    assert f'aria-describedby="{field}-hint {field}-error"' in html or f'aria-describedby="{field}-error"' in html
    page = db.session.scalar(db.select(Page).filter_by(slug="terms"))
    assert page.title["fr"] == "Conditions d'utilisation"


def test_unknown_page_slug_shape_is_404(client, make, login):
    login(make.user(platform_admin=True))
    assert client.get("/admin/pages/Not_A_Slug").status_code == 404


def test_demo_pages_are_loaded_once_and_never_overwrite_edits(app):
    demo_pages.load()
    db.session.commit()
    page = db.session.scalar(db.select(Page).filter_by(slug="terms"))
    page.title = {"fr": "Modifié"}
    db.session.commit()
    demo_pages.load()
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Page.id))) == 2
    assert db.session.scalar(db.select(Page).filter_by(slug="terms")).title == {"fr": "Modifié"}


def test_demo_charter_lists_every_report_reason_and_the_appeal(app, client):
    demo_pages.load()
    db.session.commit()
    fr = client.get("/pages/charter", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    en = client.get("/pages/charter", headers={"Accept-Language": "en"}).get_data(as_text=True)
    for reason in REASONS:
        assert f"<code>{reason}</code>" in fr
        assert f"<code>{reason}</code>" in en
    assert "Appel" in fr and "Charte de modération" in fr
    assert "Appeal" in en and "Moderation charter" in en
    terms = client.get("/pages/terms").get_data(as_text=True)
    assert 'href="/pages/charter"' in terms


def test_accessibility_statement(client):
    response = client.get("/accessibility", headers={"Accept-Language": "fr"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert html.count("<h1") == 1
    for text in ("RGAA", "4.1", "WCAG 2.1", "axe-core",
                 "Nu HTML Checker", "Défenseur des droits", "Libre réponse 71120", "http://127.0.0.1:5000/"):
        assert text in html
    # No compliance audit yet: the RGAA asks for "non conforme", and says why.
    assert "<strong>non conforme</strong>" in html and "tant qu’aucun audit de conformité n’a été réalisé" in html
    english = client.get("/accessibility", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "<strong>not compliant</strong>" in english
    assert "If you cannot access some content or a service, contact the publisher" in english  # not "a content"
    assert "If you reported an accessibility defect to the publisher, one that prevents you" in english


def test_the_statement_names_the_platform_by_its_public_address_whatever_the_host(app, client):
    app.config["PUBLIC_URL"] = "https://participer.villeneuve.fr"
    html = client.get("/accessibility", headers={"Host": "evil.example", "Accept-Language": "en"}).text
    assert "applies to the platform https://participer.villeneuve.fr/." in html and "evil.example" not in html


def test_accessibility_contact_from_configuration(app, client):
    app.config["ACCESSIBILITY_CONTACT"] = "accessibilite@example.org"
    html = client.get("/accessibility").get_data(as_text=True)
    assert 'href="mailto:accessibilite@example.org"' in html


@pytest.mark.parametrize("lang, secret, public, rights", [
    ("fr", "Vos votes sont secrets&nbsp;: seuls les totaux sont publiés.", "Vos propositions et commentaires sont publics",
     "télécharger toutes les données qui vous concernent et supprimer votre compte"),
    ("en", "Your votes are secret: only the totals are published.", "Your proposals and comments are public",
     "download all the data about you and delete your account"),
])
def test_demo_terms_say_that_votes_are_secret(app, client, lang, secret, public, rights):
    """As the results page says: nobody can see who voted for what, only totals are published."""
    demo_pages.load()
    db.session.commit()
    html = client.get("/pages/terms", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert secret in html and public in html
    assert not re.search(r"votes (sont|are) public", html)
    assert rights in html  # one's data are downloaded, the account deleted, from the account itself


def test_demo_corrects_the_earlier_terms_and_keeps_other_edits(app):
    """`flask demo` on a database loaded by an earlier version: the sentence that called votes
    public is corrected in place; what the platform admin changed elsewhere stays."""
    old = {lang: demo_pages.CORRECTIONS["terms"][lang][0][0] for lang in ("fr", "en")}
    add_page(body={"fr": f"Préambule modifié.\n\n{old['fr']}\n- Autre règle.", "en": f"{old['en']}\n"})
    demo_pages.load()
    db.session.commit()
    body = db.session.scalar(db.select(Page).filter_by(slug="terms")).body
    assert body["fr"] == f"Préambule modifié.\n\n{demo_pages.CONTRIBUTIONS_FR}\n- Autre règle."
    assert body["en"] == f"{demo_pages.CONTRIBUTIONS_EN}\n"
    demo_pages.load()  # idempotent: nothing left to correct
    db.session.commit()
    assert db.session.scalar(db.select(Page).filter_by(slug="terms")).body == body


def test_demo_leaves_rewritten_terms_alone(app):
    add_page(body={"fr": "Nos propres conditions."})
    demo_pages.load()
    db.session.commit()
    assert db.session.scalar(db.select(Page).filter_by(slug="terms")).body == {"fr": "Nos propres conditions."}


@pytest.mark.parametrize("earlier", ["none", "text only"])
def test_demo_terms_loaded_earlier_learn_of_the_drafts_once(app, client, earlier):
    """Terms stored before drafts were kept in the browser get their sentence, once; those
    stored when the browser kept the text of a form only say, in place of that sentence, that
    it keeps the choices too (a category, a position)."""
    said = {"none": ("", ""), "text only": (f"\n{demo_pages.EARLIER_DRAFTS_FR}", f"\n{demo_pages.EARLIER_DRAFTS_EN}")}
    fr, en = said[earlier]
    data = demo_pages.UNADDRESSED_DATA  # as the terms say it when the platform has no address
    add_page(body={"fr": f"Préambule.\n{data['fr']}{fr}\n- Fin.", "en": f"{data['en']}{en}"})
    for _ in range(2):
        demo_pages.load()
        db.session.commit()
        body = db.session.scalar(db.select(Page).filter_by(slug="terms")).body
        assert body["fr"] == f"Préambule.\n{data['fr']}\n{demo_pages.DRAFTS_FR}\n- Fin."
        assert body["en"] == f"{data['en']}\n{demo_pages.DRAFTS_EN}"
    html = client.get("/pages/terms", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "ce que vous y écrivez et choisissez (le texte, une catégorie, votre position…)" in html
    assert "Ce texte ne quitte pas" not in html


def test_demo_pages_name_the_platform(app, client):
    """The demo's charter and terms say the platform's name, not the mark that stands for it,
    and a demo loaded before says it too once loaded again."""
    demo_pages.load()
    db.session.commit()
    charter = db.session.scalar(db.select(Page).filter_by(slug="charter"))
    charter.body = {lang: text.replace("Consult", "{PLATFORM}") for lang, text in charter.body.items()}
    db.session.commit()
    demo_pages.load()
    db.session.commit()
    for slug, language, sentence in (("charter", "fr", "Cette charte fixe les règles du débat sur Consult."),
                                     ("charter", "en", "This charter sets the rules of debate on Consult."),
                                     ("terms", "fr", "Consult est une plateforme de participation citoyenne")):
        html = client.get(f"/pages/{slug}", headers={"Accept-Language": language}).get_data(as_text=True)
        assert sentence in html and "{PLATFORM}" not in html
