"""How many pages a list has, and which page numbers it shows (templates/macros/pagination.html)."""


def page_count(total, per_page):
    """The number of pages of `total` items: at least one, where an empty list says so."""
    return max(1, -(-total // per_page))


def page_numbers(page, pages, left_edge=2, left_current=2, right_current=4, right_edge=2):
    """The page numbers to link to, None where some are left out: for a page in range, the
    same as Flask-SQLAlchemy's `iter_pages`, for any pagination or list the view cut into pages."""
    shown = sorted({n for n in (*range(1, left_edge + 1),
                                *range(page - left_current, page + right_current + 1),
                                *range(pages - right_edge + 1, pages + 1)) if 1 <= n <= pages})
    previous = 0
    for n in shown:
        if n > previous + 1:
            yield None
        yield n
        previous = n
    if previous < pages:
        yield None
