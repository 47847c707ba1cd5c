"""Search engines find every page the public may read, and nothing else, from robots.txt."""
from xml.etree import ElementTree

import pytest

from consult.core import sitemap
from consult.extensions import db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/xml"
    return [loc.text for loc in ElementTree.fromstring(response.data).iter(f"{SITEMAP}loc")]


def test_robots_txt_says_where_the_sitemap_is(client):
    assert "Sitemap: http://127.0.0.1:5000/sitemap.xml" in client.get("/robots.txt").text.splitlines()


def test_the_sitemap_lists_what_the_public_reads(client, make, monkeypatch):
    from consult.consultations.models import ConsultationNews
    from consult.database import utcnow

    monkeypatch.setattr(sitemap, "PER_FILE", 2)
    territory = make.territory(slug="villeneuve")
    others = [make.territory(slug=f"commune-{n}") for n in range(2)]
    public, draft = make.consultation(territory), make.consultation(territory, status="draft")
    quiet = make.consultation(others[0])
    news = ConsultationNews(consultation=public, title={"fr": "Réunion"}, body={"fr": "Jeudi."},
                            published_at=utcnow())
    draft_news = ConsultationNews(consultation=draft, title={"fr": "Bientôt"}, body={"fr": "Lundi."},
                                  published_at=utcnow())
    db.session.add_all([news, draft_news])
    shown = [make.proposal(public, title=f"Idée {n}") for n in range(3)]
    withdrawn = make.proposal(public, status="withdrawn")
    hidden, pending = make.proposal(public, status="hidden"), make.proposal(public, status="pending")
    in_draft = make.proposal(draft)
    db.session.commit()

    files = locations(client, "/sitemap.xml")
    assert [f.rsplit("/", 1)[1] for f in files] == [
        "sitemap-pages.xml", "sitemap-territories-1.xml", "sitemap-territories-2.xml", "sitemap-consultations-1.xml",
        "sitemap-news-1.xml", "sitemap-proposals-1.xml", "sitemap-proposals-2.xml"]
    base = "http://127.0.0.1:5000"
    assert {f"{base}/", f"{base}/consultations/", f"{base}/territories/", f"{base}/pages/terms"} <= set(locations(client, "/sitemap-pages.xml"))
    territories = locations(client, "/sitemap-territories-1.xml") + locations(client, "/sitemap-territories-2.xml")
    assert f"{base}/territories/villeneuve" in territories and f"{base}/territories/villeneuve/transparency" in territories
    assert len(territories) == 6
    assert locations(client, "/sitemap-consultations-1.xml") == [
        f"{base}/consultations/{public.id}", f"{base}/consultations/{public.id}/proposals",
        f"{base}/consultations/{public.id}/results", f"{base}/consultations/{public.id}/news",
        f"{base}/consultations/{quiet.id}", f"{base}/consultations/{quiet.id}/proposals",
        f"{base}/consultations/{quiet.id}/results"]  # no news page without news; no draft
    assert locations(client, "/sitemap-news-1.xml") == [f"{base}/consultations/{public.id}/news/{news.id}"]
    proposals = locations(client, "/sitemap-proposals-1.xml") + locations(client, "/sitemap-proposals-2.xml")
    assert proposals == [f"{base}/proposals/{p.id}" for p in (*shown, withdrawn)]
    assert f"{base}/proposals/{hidden.id}" not in proposals and f"{base}/proposals/{in_draft.id}" not in proposals
    assert f"{base}/proposals/{pending.id}" not in proposals


@pytest.mark.parametrize("kind", ["territories", "consultations", "news", "proposals", "drafts"])
@pytest.mark.parametrize("number", [0, 1, 2, 99])
def test_a_file_past_the_last_is_not_found(client, kind, number):
    assert client.get(f"/sitemap-{kind}-{number}.xml").status_code == 404  # none on an empty platform


def test_an_empty_platform_lists_its_pages_alone(client):
    assert [f.rsplit("/", 1)[1] for f in locations(client, "/sitemap.xml")] == ["sitemap-pages.xml"]
