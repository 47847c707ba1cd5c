"""Platform pages: find, list, save and delete them (add and flush; the request commits)."""
import time
from email.utils import parseaddr

from flask import after_this_request, current_app, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError

from ..core.slugs import AddressNames
from ..extensions import db
from ..i18n import bilingual
from ..mail import absolute
from .compliance import FOOTER
from .defaults import CONTACT, DEFAULTS
from .models import BUILTIN, Page
from .statement import NO_CONTACT

# How long a process shows the footer's list of pages before reading it again: every page has
# the footer, and the list changes once in a while (at once in the process that changes it;
# the other processes of the server follow within these seconds).
FOOTER_SECONDS = 10

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
        page = Page(slug=slug, title=dict(title), updated_at=None, body=filled_in(body))
    return page


def filled_in(body, contact=True):
    """A default text ({language: Markdown}) naming the platform where it says {PLATFORM}, with its
    public address for {ADDRESS}. Where the terms say {CONTACT} (of other requests): its team's
    address (CONTACT_EMAIL), nothing when none is set or when `contact` is false. Where the
    accessibility statement says {STATEMENT_CONTACT}: the address for accessibility
    (ACCESSIBILITY_CONTACT, else CONTACT_EMAIL), else a pointer to the town's own."""
    config = current_app.config
    email = parseaddr(config.get("CONTACT_EMAIL") or "")[1] if contact else ""
    accessibility = parseaddr(config.get("ACCESSIBILITY_CONTACT") or config.get("CONTACT_EMAIL") or "")[1]

    def fill(language, text):
        written = CONTACT[language].format(email=email) if "@" in email and "{CONTACT}" in text else ""
        reached = f"<{accessibility}>" if "@" in accessibility else NO_CONTACT.get(language, NO_CONTACT["fr"])
        return (text.replace("{PLATFORM}", config["PLATFORM_NAME"]).replace("{ADDRESS}", absolute("/"))
                .replace("{CONTACT}", written).replace("{STATEMENT_CONTACT}", reached))
    return {language: fill(language, text) for language, text in body.items()}


def all_pages():
    """Every page that exists, by address (one query)."""
    return db.session.scalars(db.select(Page).order_by(Page.slug)).all()


def footer_pages():
    """[(slug, title)] of the pages the platform admin added, by address name, for the footer."""
    return [(slug, title) for slug, title, _compliance in _written_pages() if slug not in BUILTIN]


def statement_footer():
    """What the footer's link to the accessibility statement says: the status the site's own
    statement declares, or the built-in statement's (not compliant: no audit yet)."""
    written = [compliance for slug, _title, compliance in _written_pages() if slug == "accessibility"]
    return FOOTER[written[0] if written else "none"]


def _written_pages():
    """[(slug, title, compliance)] of every page written, by address name, read again every few seconds."""
    cache = current_app.extensions.setdefault("footer_pages", {"until": 0.0, "pages": []})
    if time.monotonic() >= cache["until"]:
        try:
            rows = db.session.execute(db.select(Page.slug, Page.title, Page.compliance).order_by(Page.slug)).all()
        except SQLAlchemyError:  # an error page while the database is away: the last list read
            db.session.rollback()
            return cache["pages"]
        cache.update(until=time.monotonic() + FOOTER_SECONDS, pages=[tuple(row) for row in rows])
    return cache["pages"]


def _footer_changed():
    """Read the list again at the next page, and once more when this request is answered (its
    change committed): a page drawn meanwhile, by another thread, may have read the old list."""
    extensions = current_app.extensions
    extensions.pop("footer_pages", None)
    if has_request_context():
        @after_this_request
        def _read_again(response):
            response.call_on_close(lambda: extensions.pop("footer_pages", None))
            return response


def save_page(slug, title_fr, title_en, body_fr, body_en, compliance=None):
    """Write a page; `compliance` is the status the accessibility statement declares."""
    page = get_page(slug)
    if page is None:
        page = Page(slug=slug)
        db.session.add(page)
    page.title = bilingual(title_fr, title_en)
    page.body = bilingual(body_fr, body_en)
    page.compliance = compliance
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
