"""The default charter and terms: French typography in French, reporters told what comes of their
report, and a demo loaded by an earlier version corrected when it is loaded again."""
import re

import pytest

from consult.demo import pages as demo_pages
from consult.extensions import db
from consult.pages.defaults import DEFAULTS, REPORT_OUTCOME_EN, REPORT_OUTCOME_FR
from consult.pages.models import Page
from consult.pages.services import platform_named

FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}
TOLD = {"fr": ("Chaque personne qui signale un contenu apprend si son signalement a conduit à une mesure, "
               "mais pas qui a décidé ni quelle sanction a été prise."),
        "en": ("Whoever reports something learns whether their report led to action, but not who decided or "
               "which sanction was taken.")}
MISTYPED = re.compile(r"'| [:;?!»]|« ")  # a straight apostrophe, a plain space where French puts a no-break one


@pytest.mark.parametrize("slug", sorted(DEFAULTS))
def test_the_french_default_texts_follow_french_typography(slug):
    title, body = DEFAULTS[slug]
    assert not MISTYPED.findall(title["fr"] + body["fr"])
    assert "\u00a0:" in body["fr"]


@pytest.mark.parametrize("headers, lang", [(FR, "fr"), (EN, "en")])
def test_the_default_charter_says_reporters_are_told_what_came_of_their_report(client, headers, lang):
    html = client.get("/pages/charter", headers=headers).text
    assert TOLD[lang] in html
    if lang == "fr":
        assert "Elle s’applique aux propositions" in html and "s'applique" not in html
        assert "Chaque signalement indique l’une de ces règles&nbsp;:" in html  # a no-break space


def earlier(slug, language):
    """The default text of `slug` as the demo stored it before: straight apostrophes, plain
    spaces, and no word of what reporters are told."""
    told = {"fr": REPORT_OUTCOME_FR, "en": REPORT_OUTCOME_EN}[language]
    return demo_pages.straight(platform_named(DEFAULTS[slug][1])[language].replace(f"\n{told}", ""))


def test_a_demo_loaded_earlier_gets_the_typography_and_the_sentence_once_keeping_other_edits(app, client):
    added = "- Règle ajoutée par la mairie : pas d'affichage sauvage."
    db.session.add_all([
        Page(slug="charter", title={"fr": "Charte de modération", "en": "Moderation charter"},
             body={"fr": f"{earlier('charter', 'fr')}\n{added}\n", "en": earlier("charter", "en")}),
        Page(slug="terms", title={"fr": "Conditions d'utilisation", "en": "Terms of use"},
             body={"fr": earlier("terms", "fr"), "en": earlier("terms", "en")})])
    db.session.commit()
    charter_fr = client.get("/pages/charter", headers=FR).text
    assert TOLD["fr"] not in charter_fr and "Elle s'applique" in charter_fr

    for _ in range(2):  # loaded again, and again: corrected once
        demo_pages.load()
        db.session.commit()
        pages = {p.slug: p for p in db.session.scalars(db.select(Page))}
        defaults = {slug: platform_named(DEFAULTS[slug][1]) for slug in DEFAULTS}
        assert pages["charter"].body == {"fr": f"{defaults['charter']['fr']}\n{added}\n",
                                         "en": defaults["charter"]["en"]}
        assert pages["terms"].body == defaults["terms"]
        assert pages["terms"].title == {"fr": "Conditions d’utilisation", "en": "Terms of use"}
    charter_fr = client.get("/pages/charter", headers=FR).text
    assert charter_fr.count(TOLD["fr"]) == 1 and "Elle s’applique aux propositions" in charter_fr
    assert "pas d'affichage sauvage" in charter_fr  # the town's own line, as the town wrote it
    assert client.get("/pages/charter", headers=EN).text.count(TOLD["en"]) == 1
    assert "<h1>Conditions d’utilisation</h1>" in client.get("/pages/terms", headers=FR).text


def test_a_charter_the_town_rewrote_is_left_as_it_is(app):
    db.session.add(Page(slug="charter", title={"fr": "Notre charte"}, body={"fr": "Soyez courtois, c'est tout."}))
    db.session.commit()
    demo_pages.load()
    db.session.commit()
    page = db.session.scalar(db.select(Page).filter_by(slug="charter"))
    assert page.body == {"fr": "Soyez courtois, c'est tout."} and page.title == {"fr": "Notre charte"}
