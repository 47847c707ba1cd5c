"""The shared pagination links (templates/macros/pagination.html)."""
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
