"""Platform pages: find and save them (add and flush; the request commits)."""
from ..extensions import db
from ..i18n import bilingual
from .models import Page


def get_page(slug):
    return db.session.scalar(db.select(Page).where(Page.slug == slug))


def save_page(slug, title_fr, title_en, body_fr, body_en):
    page = get_page(slug)
    if page is None:
        page = Page(slug=slug)
        db.session.add(page)
    page.title = bilingual(title_fr, title_en)
    page.body = bilingual(body_fr, body_en)
    db.session.flush()
    return page
