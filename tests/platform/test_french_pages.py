"""The French page is in French, the English page in English: the main pages of each domain."""
import pytest

FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def world(make):
    territory = make.territory(slug="agen", name="Agen")
    consultation = make.consultation(territory, phase="vote")
    proposal = make.proposal(consultation)
    return territory, consultation, proposal


@pytest.mark.parametrize("path, french, english", [
    ("/", "Donnez votre avis", "Have your say"),
    ("/consultations/", "Consultations", "Consultations"),
    ("/territories/", "Territoires", "Territories"),
    ("/auth/login", "Se connecter", "Sign in"),
    ("/auth/register", "Créer un compte", "Create an account"),
    ("/accessibility", "Déclaration d’accessibilité", "Accessibility statement"),
    ("/nowhere", "Page introuvable", "Page not found"),
])
def test_public_pages(client, world, path, french, english):
    fr = client.get(path, headers=FR).get_data(as_text=True)
    en = client.get(path, headers=EN).get_data(as_text=True)
    assert '<html lang="fr">' in fr and french in fr
    assert '<html lang="en">' in en and english in en
    assert "Aller au contenu principal" in fr and "Skip to main content" in en


def test_consultation_proposal_and_results_pages(client, world):
    _t, consultation, proposal = world
    pages = {f"/consultations/{consultation.id}": ("Propositions", "Proposals"),
             f"/proposals/{proposal.id}": ("Débat", "Debate"),
             f"/consultations/{consultation.id}/results": ("Résultats", "Results")}
    for path, (french, english) in pages.items():
        fr = client.get(path, headers=FR).get_data(as_text=True)
        en = client.get(path, headers=EN).get_data(as_text=True)
        assert '<html lang="fr">' in fr and french in fr and "Charte de modération" in fr, path
        assert '<html lang="en">' in en and english in en and "Moderation charter" in en, path


def test_signed_in_french_person_sees_french_whatever_the_browser(client, make, login):
    login(make.user(locale="fr"))
    page = client.get("/me", headers=EN).get_data(as_text=True)
    assert '<html lang="fr">' in page and "Mon compte" in page


def test_error_messages_are_translated(client):
    assert "Cette page n’existe pas" in client.get("/nowhere", headers=FR).get_data(as_text=True)
    body = client.get("/api/v1/territories/nowhere", headers=FR).get_json()
    assert body["error"]["message"].startswith("Cette page n’existe pas")


def test_vote_boxes_and_menu_speak_the_page_language(client, make, login):
    consultation = make.consultation(phase="vote", max_votes=5)
    make.proposal(consultation)
    login(make.user())
    url = f"/consultations/{consultation.id}/proposals"
    fr = client.get(url, headers=FR).get_data(as_text=True)
    en = client.get(url, headers=EN).get_data(as_text=True)
    assert "0</strong> soutien" in fr and "Je soutiens" in fr and "Se déconnecter" in fr
    assert "Il vous reste 5 soutiens sur 5" in fr
    assert "0</strong> supports" in en and "I support" in en and "Sign out" in en
    assert "5 of 5 supports left" in en


@pytest.mark.parametrize("language, medium, short", [("fr", "29 nov. 2026 à 16:40", "29/11/2026 16:40"),
                                                     ("en", "Nov 29, 2026 at 4:40\u202fPM", "11/29/26, 4:40\u202fPM")])
def test_dates_and_times_read_in_the_page_language_and_time_zone_without_seconds(app, language, medium, short):
    from datetime import datetime

    from flask import render_template_string

    with app.test_request_context(headers={"Accept-Language": language}):
        shown = render_template_string("{{ d|datetime }} | {{ d|datetime('short') }}", d=datetime(2026, 11, 29, 15, 40, 41))
    assert shown == f"{medium} | {short}"  # stored in UTC, shown in Paris time


@pytest.mark.parametrize("language, shown", [("fr", "1er déc. 2026 à 10:00 | 1er décembre 2026 | 11 décembre 2026"),
                                             ("en", "Dec 1, 2026 at 10:00\u202fAM | December 1, 2026 | December 11, 2026")])
def test_the_first_of_the_month_is_written_1er_in_french(app, language, shown):
    from datetime import datetime

    from flask import render_template_string

    with app.test_request_context(headers={"Accept-Language": language}):
        assert render_template_string("{{ d|datetime }} | {{ d|date }} | {{ e|date }}", d=datetime(2026, 12, 1, 9),
                                      e=datetime(2026, 12, 11, 9)) == shown


def test_forms_say_once_what_the_asterisk_means_before_the_first_required_field(client):
    html = client.get("/auth/register", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    note = "Les champs marqués d’un astérisque (*) sont obligatoires."
    assert html.count(note) == 1
    assert html.index(note) < html.index('<span class="required" aria-hidden="true">*</span>')


@pytest.mark.parametrize("language, hint, count_error", [
    ("fr", "Entre 2 et 5\u202f000 caractères.", "Indiquez un nombre entre 0 et 100\u202f000."),
    ("en", "Between 2 and 5,000 characters.", "Give a number between 0 and 100,000.")])
def test_limits_in_messages_are_written_the_way_the_language_writes_numbers(app, language, hint, count_error):
    from consult.comments.forms import BODY_HINT
    from consult.consultations.forms import ConsultationForm

    with app.test_request_context(method="POST", data={"max_votes": "100001"}, headers={"Accept-Language": language}):
        assert str(BODY_HINT).endswith(hint)
        form = ConsultationForm(meta={"csrf": False})
        form.max_votes.validate(form)
        assert form.max_votes.errors == [count_error]
