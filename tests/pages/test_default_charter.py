"""The default charter and terms: French typography in French, reporters told what comes of their
report, the platform team's address where there is one, and a demo loaded by an earlier version
corrected when it is loaded again."""
import re

import pytest

from consult.demo import pages as demo_pages
from consult.extensions import db
from consult.pages.defaults import ACCOUNT_FR, DEFAULTS, REPORT_OUTCOME_EN, REPORT_OUTCOME_FR
from consult.pages.models import Page
from consult.pages.services import filled_in

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
    spaces, « adresse email », no word of what reporters are told, nor of the team's address."""
    told = {"fr": REPORT_OUTCOME_FR, "en": REPORT_OUTCOME_EN}[language]
    text = filled_in(DEFAULTS[slug][1], contact=False)[language].replace(f"\n{told}", "")
    return demo_pages.straight(text.replace(ACCOUNT_FR, ACCOUNT_FR.replace("e-mail", "email")))


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
        defaults = {slug: filled_in(DEFAULTS[slug][1]) for slug in DEFAULTS}
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


OTHER_REQUESTS = {"fr": "Pour toute autre demande, écrivez à la collectivité qui organise la consultation",
                  "en": "For any other request, write to the local authority running the consultation"}
TEAM = {"fr": ', ou à l’équipe de la plateforme à l’adresse <a href="mailto:numerique@ville.fr"',
        "en": ', or to the platform team at <a href="mailto:numerique@ville.fr"'}


@pytest.mark.parametrize("headers, lang", [(FR, "fr"), (EN, "en")])
def test_the_default_terms_give_the_platform_team_s_address_when_there_is_one(app, client, headers, lang):
    app.config["CONTACT_EMAIL"] = "Équipe numérique <numerique@ville.fr>"
    html = client.get("/pages/terms", headers=headers).text
    assert html.count(OTHER_REQUESTS[lang] + TEAM[lang]) == 1
    if lang == "fr":
        assert "Un compte demande une adresse e-mail valide" in html and "adresse email" not in html


@pytest.mark.parametrize("headers, lang", [(FR, "fr"), (EN, "en")])
def test_without_an_address_the_terms_send_people_to_the_local_authority(client, headers, lang):
    html = client.get("/pages/terms", headers=headers).text
    assert f"{OTHER_REQUESTS[lang]}.</li>" in html and "mailto:" not in html


def test_a_demo_loaded_before_the_platform_had_an_address_gives_it_once_loaded_again(app, client):
    db.session.add(Page(slug="terms", title={"fr": "Conditions d’utilisation", "en": "Terms of use"},
                        body={"fr": earlier("terms", "fr"), "en": earlier("terms", "en")}))
    db.session.commit()
    app.config["CONTACT_EMAIL"] = "numerique@ville.fr"
    for _ in range(2):  # loaded again, and again: corrected once
        demo_pages.load()
        db.session.commit()
        assert db.session.scalar(db.select(Page).filter_by(slug="terms")).body == filled_in(DEFAULTS["terms"][1])
    html = client.get("/pages/terms", headers=FR).text
    assert html.count(TEAM["fr"]) == 1 and "adresse e-mail valide" in html
