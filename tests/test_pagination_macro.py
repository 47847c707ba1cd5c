"""The shared pagination links (templates/macros/pagination.html), and the page number every
listing reads from the address (consult/core/urls.page_arg)."""
import re

import pytest
from flask import render_template_string
from flask_sqlalchemy.pagination import Pagination

from .helpers import current_page

MACRO = '{% from "macros/pagination.html" import pagination_nav %}'


class Numbers(Pagination):
    """A pagination of `pages` pages of one item, to compare with Flask-SQLAlchemy's iter_pages."""

    def __init__(self, page, pages):
        self._total = pages
        super().__init__(page=page, per_page=1, error_out=False)

    def _query_items(self):
        return []

    def _query_count(self):
        return self._total


def _shown(html):
    return [None if gap else int(n) for n, gap in re.findall(r"</span>(\d+)</|<li aria-hidden=\"true\">(…)</li>", html)]


@pytest.mark.parametrize("window", [{}, {"left_edge": 1, "left_current": 2, "right_current": 2, "right_edge": 1},
                                    {"left_edge": 0, "left_current": 1, "right_current": 1, "right_edge": 0}])
def test_same_page_numbers_as_iter_pages_for_a_pagination_or_a_plain_page_count(app, window):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        for pages in range(2, 16):
            for page in range(1, pages + 1):
                expected = list(Numbers(page, pages).iter_pages(**window))
                for p in (Numbers(page, pages), {"page": page, "pages": pages}):
                    html = render_template_string(MACRO + "{{ pagination_nav(p, 'territories.index', window=w) }}",
                                                  p=p, w=window)
                    assert _shown(html) == expected, (page, pages)
                    assert ('rel="prev"' in html) == (page > 1) and ('rel="next"' in html) == (page < pages)


def test_links_carry_the_arguments_and_the_fragment(app, make):
    territory = make.territory(slug="villeneuve")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        html = render_template_string(
            MACRO + "{{ pagination_nav({'page': 2, 'pages': 3}, 'territories.show', 'Pages of consultations', "
                    "slug=slug, q='a b', _anchor='list') }}", slug=territory.slug)
        assert '<nav aria-label="Pages of consultations">' in html
        assert '<a href="/territories/villeneuve?page=1&amp;q=a+b#list" rel="prev">Previous page</a>' in html
        assert '<a href="/territories/villeneuve?page=3&amp;q=a+b#list" rel="next">Next page</a>' in html
        assert current_page(2) in html
        one_page = render_template_string(MACRO + "{{ pagination_nav({'page': 1, 'pages': 1}, 'territories.index') }}")
        assert one_page.strip() == ""


HUGE = "99999999999999999999"  # more than any database accepts as an OFFSET
LISTINGS = ["/consultations/", "/territories/", "/territories/villeneuve", "/me/activity", "/me/notifications",
            "/me/moderation", "/moderation/appeals", "/moderation/log", "/admin/",
            "/admin/territories/villeneuve/residents"]


@pytest.fixture
def staff(make, login):
    """Signed in as a platform admin who is also the admin of Villeneuve: every listing is open."""
    territory = make.territory(slug="villeneuve", name="Villeneuve")
    make.consultation(territory, title={"fr": "Budget participatif", "en": "Participatory budget"})
    return login(make.member(make.user(platform_admin=True), territory, "admin"))


@pytest.mark.parametrize("url", LISTINGS)
def test_any_page_number_in_the_address_shows_a_page(client, staff, url):
    for page in (HUGE, "1000001", "²", "-3", "1e9", "0" * 5000 + "1"):
        assert client.get(f"{url}?page={page}").status_code == 200, page


def test_a_huge_page_is_an_empty_page_past_the_end_and_a_non_number_the_first(client, staff):
    assert "Participatory budget" not in client.get(f"/consultations/?page={HUGE}").text
    assert "Participatory budget" not in client.get("/consultations/?page=50").text
    assert "Participatory budget" in client.get("/consultations/?page=²").text
