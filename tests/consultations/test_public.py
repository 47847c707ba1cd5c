"""Public pages: the listing with its filters, and one consultation."""
import html as htmllib
import re
from datetime import timezone
from zoneinfo import ZoneInfo

import pytest

from consult.extensions import db

from ..helpers import count_page_queries, current_page, pagination_links

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


def titles(html):
    return [htmllib.unescape(t) for t in re.findall(r'<h2><a href="/consultations/\d+"(?: lang="fr")?>([^<]+)</a></h2>', html)]


def test_draft_is_hidden_from_the_public_and_previewed_by_staff(client, login, make, territory, territory_admin):
    c = make.consultation(territory, status="draft", title={"fr": "Projet secret"})
    assert client.get(f"/consultations/{c.id}").status_code == 404
    assert "Projet secret" not in client.get("/consultations/").get_data(as_text=True)
    login(make.user())
    assert client.get(f"/consultations/{c.id}").status_code == 404
    login(make.member(make.user(), make.territory(), "admin"))
    assert client.get(f"/consultations/{c.id}").status_code == 404
    login(territory_admin)
    response = client.get(f"/consultations/{c.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Projet secret" in html and 'class="preview-banner"' in html


def test_the_preview_of_a_draft_publishes_it_and_stays_on_its_page(client, login, make, territory,
                                                                    territory_admin):
    """Checked on its preview, a draft is published from there, in one click, as the message after
    its creation asks."""
    c = make.consultation(territory, status="draft", title={"fr": "Projet du parc"})
    login(territory_admin)
    preview = client.get(f"/consultations/{c.id}", headers={"Accept-Language": "fr"}).text
    banner = preview.split('class="preview-banner"')[1].split("</section>")[0]
    assert 'name="action" value="publish"' in banner and '<input type="hidden" name="back" value="page">' in banner
    assert "Publier<span" in banner
    response = client.post(f"/admin/consultations/{c.id}/status", data={"action": "publish", "back": "page"},
                           headers={"Accept-Language": "fr"})
    assert response.status_code == 303 and response.headers["Location"] == f"/consultations/{c.id}"
    page = client.get(f"/consultations/{c.id}", headers={"Accept-Language": "fr"}).text
    assert "La consultation est publiée\u00a0: tout le monde peut maintenant la voir." in htmllib.unescape(page)
    assert 'class="preview-banner"' not in page
    assert client.application.test_client().get(f"/consultations/{c.id}").status_code == 200


def test_published_page_has_no_preview_banner(client, make, territory):
    c = make.consultation(territory)
    html = client.get(f"/consultations/{c.id}").get_data(as_text=True)
    assert 'class="preview-banner"' not in html


def test_english_falls_back_to_french(client, make, territory):
    c = make.consultation(territory, title={"fr": "Réinventer le marché", "en": ""},
                          summary={"fr": "Un résumé en français", "en": "An English summary"},
                          description={"fr": "Le *marché* couvert"})
    html = client.get(f"/consultations/{c.id}", headers=EN).get_data(as_text=True)
    assert '<html lang="en">' in html
    assert '<h1 lang="fr">Réinventer le marché</h1>' in html  # French, and said so
    assert "An English summary" in html and "Un résumé en français" not in html
    assert "<em>marché</em>" in html
    fr = client.get(f"/consultations/{c.id}", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="fr">' in fr and "Un résumé en français" in fr


def test_timeline_highlights_the_current_phase(client, make, territory):
    c = make.consultation(territory, phase="vote")
    html = client.get(f"/consultations/{c.id}").get_data(as_text=True)
    current = re.findall(r'<li class="current" aria-current="step">\s*<strong>([^<]+)</strong>', html)
    assert current == ["Vote"]
    assert html.count('<li class="past">') == 2 and html.count('<li class="upcoming">') == 1
    assert "5 days left" in html


def test_dates_are_formatted_for_the_locale(client, make, territory):
    c = make.consultation(territory, phase="vote")
    start = c.phases[2].starts_at
    fr = client.get(f"/consultations/{c.id}", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    en = client.get(f"/consultations/{c.id}", headers=EN).get_data(as_text=True)
    # the timeline's dates as every other date of the site: "24 nov. 2026 à 18:46", in Paris
    day = start.replace(tzinfo=timezone.utc).astimezone(ZoneInfo("Europe/Paris"))
    assert re.search(rf"Du {day.day} [a-zéû]+\.? {day.year} à {day:%H:%M} au ", fr)
    assert re.search(rf"From [A-Z][a-z]{{2}} {day.day}, {day.year} at \d{{1,2}}:{day:%M}\s?[AP]M to ", en)


def test_listing_shows_published_and_archived_with_phase_and_themes(client, make, territory):
    make.consultation(territory, title={"fr": "Budget participatif 2025"}, themes=["economy"])
    make.consultation(territory, title={"fr": "Ancienne consultation"}, status="archived")
    make.consultation(territory, title={"fr": "Brouillon"}, status="draft")
    html = client.get("/consultations/", headers=EN).get_data(as_text=True)
    assert sorted(titles(html)) == ["Ancienne consultation", "Budget participatif 2025"]
    assert "Economy" in html and "Proposals" in html and "5 days left" in html and "Archived" in html
    assert "2 consultations" in html


def test_filter_by_territory_and_theme(client, make, territory):
    make.consultation(territory, title={"fr": "Ici énergie"}, themes=["energy", "housing"])
    make.consultation(territory, title={"fr": "Ici culture"}, themes=["culture"])
    make.consultation(make.territory(slug="ailleurs"), title={"fr": "Ailleurs énergie"}, themes=["energy"])
    assert sorted(titles(client.get("/consultations/?territory=villeneuve").get_data(as_text=True))) == [
        "Ici culture", "Ici énergie"]
    assert sorted(titles(client.get("/consultations/?theme=energy").get_data(as_text=True))) == [
        "Ailleurs énergie", "Ici énergie"]
    assert titles(client.get("/consultations/?theme=energy&territory=villeneuve").get_data(as_text=True)) == [
        "Ici énergie"]
    assert len(titles(client.get("/consultations/?theme=bogus").get_data(as_text=True))) == 3


def theme_options(html):
    return re.findall(r'<option value="([a-z_]+)"', html.split('name="theme"')[1].split("</select>")[0])


def test_themes_are_listed_alphabetically_in_the_page_language_other_last(client):
    """Energy, Mobility, Agriculture… in the order they were coded in is no order a reader can scan."""
    french = theme_options(client.get("/consultations/", headers=FR).get_data(as_text=True))
    assert french[:4] == ["agriculture_food", "culture", "economy", "education"]  # Économie, Éducation
    assert french[-3:] == ["digital", "health", "other"]  # Numérique, Santé, then Autre
    english = theme_options(client.get("/consultations/", headers=EN).get_data(as_text=True))
    assert english[:3] == ["agriculture_food", "culture", "digital"]
    assert english[-3:] == ["mobility", "public_space", "other"]
    assert sorted(french) == sorted(english) and len(french) == 12


def test_the_territory_filter_offers_the_territories_with_a_consultation_to_read(client, make, territory):
    """Not the thousands of communes of a national platform that have none: a territory with a
    draft only, or nothing, is left out, unless it is the one chosen."""
    make.consultation(territory)
    make.consultation(make.territory(name="Archives-sur-Mer", slug="archives"), status="archived")
    make.consultation(make.territory(name="Brouillon-le-Bas", slug="brouillon"), status="draft")
    make.territory(name="Rienville", slug="rienville")

    def offered(query=""):
        html = client.get(f"/consultations/{query}").get_data(as_text=True)
        select = html[html.index('<select id="filter-territory"'):]
        return re.findall(r'<option value="([^"]*)"( selected)?>', select[:select.index("</select>")])

    assert offered() == [("", ""), ("archives", ""), ("villeneuve", "")]
    assert offered("?territory=rienville") == [("", ""), ("archives", ""), ("rienville", " selected"), ("villeneuve", "")]


def test_filter_by_phase(client, make, territory, shift_phases):
    make.consultation(territory, title={"fr": "Ouverte"}, phase="proposals")
    make.consultation(territory, title={"fr": "A venir"}, phase=None)
    shift_phases(make.consultation(territory, title={"fr": "Terminee"}, phase="results"), -30)
    no_dates = make.consultation(territory, title={"fr": "Sans dates"})
    from consult.consultations.models import Phase
    db.session.execute(db.delete(Phase).where(Phase.consultation_id == no_dates.id))
    db.session.commit()
    get = lambda q: sorted(titles(client.get(f"/consultations/?phase={q}").get_data(as_text=True)))  # noqa: E731
    assert get("open") == ["Ouverte"]
    assert get("upcoming") == ["A venir"]
    assert get("closed") == ["Sans dates", "Terminee"]


@pytest.mark.parametrize("q, expected", [
    ("ecole", ["Rénover l'École Jules-Ferry"]),
    ("ÉCOLES", ["Rénover l'École Jules-Ferry"]),  # the plural finds the singular
    ("œuvres", ["Plan vélo"]),
    ("piste", ["Plan vélo"]),  # and the singular the plural
    ("école rénover", ["Rénover l'École Jules-Ferry"]),
    ("ecole velo", []),
    ("vélo", ["Plan vélo"]),
    ("cycling", ["Plan vélo"]),
    ("oeuvre", ["Plan vélo"]),
    ("cœur", ["Plan vélo"]),
])
def test_search_is_accent_insensitive_and_ands_keywords(client, make, territory, q, expected):
    make.consultation(territory, title={"fr": "Rénover l'École Jules-Ferry", "en": "Renovate the school"})
    from consult.consultations.services import refresh_search_text
    velo = make.consultation(territory, title={"fr": "Plan vélo"},
                             description={"fr": "Des pistes au cœur de l’œuvre", "en": "Cycling lanes"})
    refresh_search_text(velo)
    db.session.commit()
    page = client.get("/consultations/", query_string={"q": q}, headers={"Accept-Language": "fr"})
    assert titles(page.get_data(as_text=True)) == expected


def test_search_finds_the_consultations_of_a_territory_by_its_name(client, make, territory):
    lyon = make.territory(name="Métropole de Lyon")
    make.consultation(lyon, title={"fr": "Plan vélo"})
    make.consultation(territory, title={"fr": "Plan vélo du village"})
    for q in ("Lyon", "plan vélo lyon", "métropoles"):
        page = client.get("/consultations/", query_string={"q": q}, headers=EN).get_data(as_text=True)
        assert titles(page) == ["Plan vélo"] and "1 consultation" in page
    assert titles(client.get("/consultations/", query_string={"q": "piscine lyon"}).get_data(as_text=True)) == []
    found = client.get("/api/v1/consultations", query_string={"q": "Lyon"}).get_json()  # as on the page
    assert [c["territory"] for c in found["items"]] == [lyon.slug]


def test_nothing_found_leads_back_to_every_consultation(client, make, territory):
    empty = client.get("/consultations/", headers=EN).get_data(as_text=True)
    assert "No consultation is published yet." in empty and "these filters" not in empty  # none was chosen
    make.consultation(territory, title={"fr": "Plan vélo"})
    nothing = client.get("/consultations/?q=piscine&theme=energy", headers=EN).get_data(as_text=True)
    assert "No consultation matches these filters." in nothing
    assert '<a href="/consultations/">Show all the consultations</a>' in nothing


def test_pagination_twelve_per_page(client, make, territory):
    for n in range(14):
        make.consultation(territory, title={"fr": f"Consultation numéro {n:02d}"})
    first = client.get("/consultations/").get_data(as_text=True)
    second = client.get("/consultations/?page=2").get_data(as_text=True)
    assert len(titles(first)) == 12 and len(titles(second)) == 2
    assert set(titles(first)).isdisjoint(titles(second))
    assert 'href="/consultations/?page=2"' in first and "14 consultations" in first
    assert client.get("/consultations/?page=99").status_code == 200
    assert client.get("/consultations/?page=abc").status_code == 200


def test_filters_are_kept_in_pagination_links(client, make, territory):
    for n in range(13):
        make.consultation(territory, title={"fr": f"Mobilité {n}"}, themes=["mobility"])
    html = client.get("/consultations/?theme=mobility").get_data(as_text=True)
    assert 'href="/consultations/?page=2&amp;theme=mobility"' in html
    second = client.get("/consultations/", headers=EN, query_string={
        "page": 2, "q": "Mobilité", "territory": territory.slug, "theme": "mobility"}).get_data(as_text=True)
    nav = pagination_links(second, "Pages of consultations")
    carried = f"territory={territory.slug}&amp;theme=mobility&amp;q=Mobilit%C3%A9"
    assert f'href="/consultations/?page=1&amp;{carried}" rel="prev"' in nav
    assert current_page(2) in nav
    assert 'rel="next"' not in nav


def test_show_lists_categories_settings_and_proposals(client, make, territory):
    c = make.consultation(territory, max_votes=3, support_threshold=25, vote_mode="for_against",
                          participation="verified")
    make.category(c, fr="Mobilité", en="Mobility")
    make.proposal(c, title="Une piste cyclable rue Carnot")
    html = client.get(f"/consultations/{c.id}", headers=EN).get_data(as_text=True)
    assert "Mobility" in html and "<dd>For, against or abstain</dd>" in html
    assert "<dd>Only residents verified for the territory</dd>" in html
    assert "Proposals with 25 supports are eligible" in html
    assert "Une piste cyclable rue Carnot" in html


def test_propose_button_for_residents_during_the_proposals_phase(client, login, make, territory):
    c = make.consultation(territory, phase="proposals")
    href = f'href="/consultations/{c.id}/proposals/new"'
    page = client.get(f"/consultations/{c.id}").get_data(as_text=True)
    assert href not in page
    # a visitor is invited to sign in first, and comes back to the form
    assert f'href="/auth/login?next=/consultations/{c.id}/proposals/new">Sign in to make a proposal</a>' in page
    # one helper (proposals.slots.sign_in_to_propose) writes it, at the top of the page too
    assert f'<a class="button button-secondary" href="/auth/login?next=/consultations/{c.id}/proposals/new">' in page
    login(make.user())
    # the button says what the sign-in link and the form it leads to say: a proposal
    assert f'{href}>Make a proposal</a>' in client.get(f"/consultations/{c.id}").get_data(as_text=True)
    vote = make.consultation(territory, phase="vote")
    page = client.get(f"/consultations/{vote.id}").get_data(as_text=True)
    assert f'href="/consultations/{vote.id}/proposals/new"' not in page and "Sign in to make a proposal" not in page


def test_unknown_consultation_is_404(client):
    assert client.get("/consultations/999").status_code == 404


def test_listing_query_count_does_not_grow_with_the_data(client, login, make, territory):
    def fill(n):
        for i in range(n):
            c = make.consultation(make.territory(), title={"fr": f"Consultation {i}"}, themes=["energy"])
            make.category(c)
    fill(3)
    login(make.user())
    small = count_page_queries(client, "/consultations/")
    fill(27)
    large = count_page_queries(client, "/consultations/")
    assert small == large
    assert large <= 8


def test_consultation_page_query_count_does_not_grow_with_the_data(client, login, make, territory):
    c = make.consultation(territory)
    make.category(c)
    for i in range(3):
        make.proposal(c, title=f"Proposition numéro {i}", category=c.categories[0])
    login(make.user())
    small = count_page_queries(client, f"/consultations/{c.id}")
    for i in range(27):
        make.proposal(c, title=f"Autre proposition {i}", category=c.categories[0], author=make.user())
        make.consultation(territory)
    large = count_page_queries(client, f"/consultations/{c.id}")
    assert small == large
    assert large <= 15


def test_french_only_texts_on_english_pages_say_they_are_french(client, make):
    """Screen readers then read them with a French voice (RGAA 8.7)."""
    from consult.extensions import db
    from consult.pages.models import Page

    c = make.consultation(title={"fr": "Budget participatif"}, summary={"fr": "Résumé en français"})
    db.session.add(Page(slug="mentions-legales", title={"fr": "Mentions légales"}, body={"fr": "Éditeur : la mairie."}))
    db.session.commit()
    home = client.get("/", headers={"Accept-Language": "en"}).text
    assert f'<a href="/consultations/{c.id}" lang="fr">Budget participatif</a>' in home
    assert '<p class="consultation-summary" lang="fr">Résumé en français</p>' in home
    assert '<a href="/pages/mentions-legales" lang="fr">Mentions légales</a>' in home
    page = client.get(f"/consultations/{c.id}", headers={"Accept-Language": "en"}).text
    assert '<h1 lang="fr">Budget participatif</h1>' in page
    french = client.get("/", headers={"Accept-Language": "fr"}).text
    assert 'lang="fr">Budget participatif' not in french  # the page's own language is not said again
