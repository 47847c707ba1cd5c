"""Platform pages: find, list, save and delete them (add and flush; the request commits)."""
import time

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError

from ..core.slugs import AddressNames
from ..extensions import db
from ..i18n import bilingual
from .defaults import DEFAULTS
from .models import BUILTIN, Page

# How long a process shows the footer's list of pages before reading it again: every page has
# the footer, and the list changes once in a while (at once in the process that changes it).
FOOTER_SECONDS = 60

# "new" is the address of the back office's form for a new page.
ADDRESS_NAMES = AddressNames(Page.slug, 40, {"new"},
                             _l("A page already uses this address name: edit it from the administration."))


def valid_slug(slug):
    """Whether `slug` may be a page's address name (found or not)."""
    return ADDRESS_NAMES.malformed(slug) is None


def get_page(slug):
    return db.session.scalar(db.select(Page).where(Page.slug == slug))


def page_or_default(slug):
    """The page, or for a built-in page not written yet its default text (a Page that is not
    saved, without a date): the links to the terms never lead to "not found"."""
    page = get_page(slug)
    if page is None and slug in DEFAULTS:
        title, body = DEFAULTS[slug]
        page = Page(slug=slug, title=dict(title), body=dict(body), updated_at=None)
    return page


def all_pages():
    """Every page that exists, by address (one query)."""
    return db.session.scalars(db.select(Page).order_by(Page.slug)).all()


def footer_pages():
    """[(slug, title)] of the pages the platform admin added, by address name, for the footer."""
    cache = current_app.extensions.setdefault("footer_pages", {"until": 0.0, "pages": []})
    if time.monotonic() >= cache["until"]:
        try:
            rows = db.session.execute(db.select(Page.slug, Page.title).where(Page.slug.not_in(BUILTIN))
                                      .order_by(Page.slug)).all()
        except SQLAlchemyError:  # an error page while the database is away: the last list read
            db.session.rollback()
            return cache["pages"]
        cache.update(until=time.monotonic() + FOOTER_SECONDS, pages=[tuple(row) for row in rows])
    return cache["pages"]


def _footer_changed():
    current_app.extensions.pop("footer_pages", None)


def save_page(slug, title_fr, title_en, body_fr, body_en):
    page = get_page(slug)
    if page is None:
        page = Page(slug=slug)
        db.session.add(page)
    page.title = bilingual(title_fr, title_en)
    page.body = bilingual(body_fr, body_en)
    db.session.flush()
    _footer_changed()
    return page


def delete_page(page):
    """Delete a page that is not built in (ValueError otherwise)."""
    if page.builtin:
        raise ValueError(f"the built-in page {page.slug!r} cannot be deleted")
    db.session.delete(page)
    db.session.flush()
    _footer_changed()
