"""The news of a consultation a page at a time: in the back office, as on the public page."""
from datetime import timedelta

import pytest

from consult.consultations.models import ConsultationNews
from consult.database import utcnow
from consult.extensions import db

from ..helpers import count_page_queries, current_page, pagination_links

EN = {"Accept-Language": "en"}


@pytest.fixture
def consultation(make, territory):
    return make.consultation(territory, title={"fr": "Budget participatif"})


def _news(consultation, shown, drafts=0):
    """`shown` pieces of news published a day apart (« Actualité 1 » the latest), and `drafts` drafts."""
    now = utcnow()
    db.session.add_all([ConsultationNews(consultation_id=consultation.id, title={"fr": f"Actualité {i}"},
                                         body={"fr": "Texte."}, published_at=now - timedelta(days=i))
                        for i in range(1, shown + 1)]
                       + [ConsultationNews(consultation_id=consultation.id, title={"fr": f"Brouillon {i}"},
                                           body={"fr": "Texte."}) for i in range(1, drafts + 1)])
    db.session.commit()


def _titles(html):
    return [line.strip()[4:-5] for line in html.splitlines() if line.strip().startswith("<h3>")]


def test_the_back_office_lists_the_news_twenty_a_page_drafts_first(client, login, territory_admin, consultation):
    _news(consultation, 43, drafts=2)
    login(territory_admin)
    address = f"/admin/consultations/{consultation.id}/news"
    first = client.get(address, headers=EN).text
    assert "45 pieces of news" in first
    assert _titles(first) == ["Brouillon 2", "Brouillon 1"] + [f"Actualité {i}" for i in range(1, 19)]
    links = pagination_links(first, "Pages of news")
    assert current_page(1) in links and f'href="{address}?page=3#news-written"' in links
    last = client.get(f"{address}?page=3", headers=EN).text
    assert _titles(last) == [f"Actualité {i}" for i in range(39, 44)]
    assert current_page(3) in pagination_links(last, "Pages of news")


def test_a_page_of_the_back_office_s_news_past_the_last_leads_back(client, login, territory_admin, consultation):
    _news(consultation, 21)
    login(territory_admin)
    address = f"/admin/consultations/{consultation.id}/news"
    past = client.get(f"{address}?page=9", headers=EN)
    assert past.status_code == 200 and _titles(past.text) == []
    assert "21 pieces of news" in past.text and "No news yet." not in past.text
    assert f'<a href="{address}?page=2#news-written" rel="prev">Back to the last page</a>' in past.text
    assert "Write a piece of news" in past.text  # the form is still there


def test_the_back_office_s_news_costs_the_same_statements_however_many(client, login, territory_admin,
                                                                         consultation):
    login(territory_admin)
    address = f"/admin/consultations/{consultation.id}/news"
    _news(consultation, 2, drafts=1)
    few = count_page_queries(client, address)
    _news(consultation, 60, drafts=5)
    assert count_page_queries(client, address) == count_page_queries(client, f"{address}?page=3") == few


def test_a_page_of_the_public_news_past_the_last_does_not_say_there_is_none(client, make, territory, consultation):
    _news(consultation, 12)
    address = f"/consultations/{consultation.id}/news"
    past = client.get(f"{address}?page=9", headers=EN).text
    assert "No news yet." not in past
    assert f'<a href="{address}?page=2" rel="prev">Back to the last page</a>' in past
    assert "No news yet." in client.get(f"/consultations/{make.consultation(territory).id}/news", headers=EN).text
