"""The home page: where one may propose or vote now, to take part at once, and the territories, each list
cut short with a link to the whole of it."""
import re

from consult.core.views import HOME_CONSULTATIONS, HOME_TERRITORIES


def _cards(html, section):
    part = html.split(f"<h2>{section}</h2>", 1)[1].split("<h2>", 1)[0]
    return re.findall(r'<h3><a href="[^"]+"(?: lang="fr")?>([^<]+)</a></h3>', part), part


def test_the_home_page_shows_what_is_open_now(client, make):
    territory = make.territory(name="Villeneuve")
    make.consultation(territory, phase="proposals", title={"fr": "Budget participatif"})
    make.consultation(territory, phase="vote", title={"fr": "Plan vélo"})
    make.consultation(territory, phase=None, title={"fr": "Bientôt : la place du marché"})  # not yet open
    make.consultation(territory, phase="proposals", status="draft", title={"fr": "Brouillon"})
    make.consultation(territory, phase="information", title={"fr": "Présentée, pas encore ouverte aux idées"})
    make.consultation(territory, phase="results", title={"fr": "Résultats publiés"})
    html = client.get("/", headers={"Accept-Language": "fr"}).text
    titles, part = _cards(html, "Ouvertes en ce moment")
    assert sorted(titles) == ["Budget participatif", "Plan vélo"]
    assert "Toutes les consultations ouvertes" not in part
    assert "Bientôt ouvertes" not in html  # what opens later waits its turn in the listing


def test_long_lists_are_cut_short_with_a_link_to_the_rest(client, make):
    territory = make.territory(name="Aaa")
    for i in range(HOME_CONSULTATIONS + 1):
        make.consultation(territory, title={"fr": f"Consultation {i}"})
    for i in range(HOME_TERRITORIES):
        make.territory(name=f"Commune {i:02}")
    html = client.get("/", headers={"Accept-Language": "en"}).text
    titles, part = _cards(html, "Open now")
    assert len(titles) == HOME_CONSULTATIONS
    assert '<a href="/consultations/?phase=open">Every open consultation</a>' in part
    territories, part = _cards(html, "Territories")
    assert territories == ["Aaa"] + [f"Commune {i:02}" for i in range(HOME_TERRITORIES - 1)]
    assert '<a href="/territories/">Every territory</a>' in part


def test_nothing_open(client, make):
    make.consultation(phase=None)
    html = client.get("/", headers={"Accept-Language": "en"}).text
    assert "No consultation is open right now." in html


def test_a_new_platform_whose_first_consultation_opens_soon_shows_it(client, make):
    """A town launches its first consultation with an information phase: its visitors find it on
    the home page, though nobody may propose or vote yet."""
    territory = make.territory(name="Villeneuve")
    make.consultation(territory, phase="information", title={"fr": "Budget participatif 2027"})
    make.consultation(territory, phase=None, title={"fr": "Plan vélo"})  # announced: every phase to come
    make.consultation(territory, phase="results", title={"fr": "Place du marché"})  # over
    make.consultation(territory, phase=None, status="draft", title={"fr": "Brouillon"})
    make.consultation(territory, phase=None, status="archived", title={"fr": "Archivée"})
    html = client.get("/", headers={"Accept-Language": "fr"}).text
    assert "Aucune consultation n’est ouverte en ce moment." in html
    titles, part = _cards(html, "Bientôt ouvertes")
    assert sorted(titles) == ["Budget participatif 2027", "Plan vélo"]
    assert "Vous pourrez bientôt faire des propositions ou voter dans ces consultations" in part


def test_the_latest_news_of_the_public_consultations(client, make):
    from datetime import timedelta

    from consult.consultations.models import ConsultationNews
    from consult.database import utcnow
    from consult.extensions import db

    from ..helpers import count_queries

    territory = make.territory(name="Villeneuve")
    public = make.consultation(territory, title={"fr": "Budget participatif", "en": "Participatory budget"})
    draft = make.consultation(territory, status="draft")
    now = utcnow()
    for consultation, title, published in [
            (public, "Réunion publique", now - timedelta(days=3)), (public, "Le vote est ouvert", now - timedelta(days=2)),
            (public, "Les résultats", now - timedelta(days=1)), (public, "La plus ancienne", now - timedelta(days=9)),
            (public, "Programmée", now + timedelta(days=1)), (public, "Brouillon", None),
            (draft, "D'un brouillon", now)]:
        db.session.add(ConsultationNews(consultation=consultation, title={"fr": title}, body={"fr": "…"},
                                        published_at=published))
    db.session.commit()
    with count_queries() as counter:
        html = client.get("/", headers={"Accept-Language": "fr"}).text
    part = html.split("<h2>Dernières actualités</h2>", 1)[1].split("<h2>", 1)[0]
    assert re.findall(r'<a href="/consultations/\d+/news/\d+">([^<]+)</a>', part) == [
        "Les résultats", "Le vote est ouvert", "Réunion publique"]
    assert "Budget participatif</span>, Villeneuve" in part
    english = client.get("/", headers={"Accept-Language": "en"}).text
    assert '<a href="/consultations/' in english and 'lang="fr">Les résultats</a>' in english
    assert counter.count <= 4  # the news with their consultations and territories: one query
