"""The sitemap search engines read (robots.txt says where it is): every page the public may read,
so that a resident searching for « budget participatif Villeneuve » finds the consultation.

/sitemap.xml is an index of one file of the platform's own pages, and of the files of each
section (territories, consultations, news, proposals) of PER_FILE rows each, read in two
queries a file. A row gives four addresses at most, and the protocol allows 50,000 a file: a
national platform of 35,000 communes, or a consultation of 100,000 proposals, reads as several
files."""
import math
from typing import Callable, NamedTuple

from flask import abort, url_for

from ..consultations.models import PUBLIC_STATUSES, Consultation, ConsultationNews
from ..database import count_rows, utcnow
from ..extensions import db
from ..mail import absolute
from ..pages.models import BUILTIN, Page
from ..permissions import VISIBLE_PROPOSAL_STATUSES
from ..proposals.models import Proposal
from ..territories.models import Territory

PER_FILE = 10_000


def _published_news():
    return ConsultationNews.published_at <= utcnow()


def _territories():
    return db.select(Territory.id, Territory.slug)


def _territory_urls(row):
    return [(url_for("territories.show", slug=row.slug), None),
            (url_for("moderation_public.transparency", slug=row.slug), None)]


def _consultations():
    has_news = db.exists().where(ConsultationNews.consultation_id == Consultation.id, _published_news())
    return (db.select(Consultation.id, Consultation.updated_at, has_news.label("has_news"))
            .where(Consultation.status.in_(PUBLIC_STATUSES)))


def _consultation_urls(row):
    urls = [(url_for("consultations.show", consultation_id=row.id), row.updated_at),
            (url_for("proposals.index", id=row.id), None), (url_for("votes.results", id=row.id), None)]
    if row.has_news:
        urls.append((url_for("consultations.news_page", id=row.id), None))
    return urls


def _news():
    return (db.select(ConsultationNews.id, ConsultationNews.consultation_id,
                      db.func.coalesce(ConsultationNews.edited_at, ConsultationNews.published_at).label("changed"))
            .join(Consultation, Consultation.id == ConsultationNews.consultation_id)
            .where(Consultation.status.in_(PUBLIC_STATUSES), _published_news()))


def _news_urls(row):
    return [(url_for("consultations.news_item", id=row.consultation_id, news_id=row.id), row.changed)]


def _proposals():
    return (db.select(Proposal.id, Proposal.updated_at).join(Consultation, Consultation.id == Proposal.consultation_id)
            .where(Consultation.status.in_(PUBLIC_STATUSES), Proposal.status.in_(VISIBLE_PROPOSAL_STATUSES)))


def _proposal_urls(row):
    return [(url_for("proposals.show", id=row.id), row.updated_at)]


class Section(NamedTuple):
    rows: Callable  # the query of the section's public rows (an id first, by which they are ordered)
    urls: Callable  # [(address, last change or None)] of a row


SECTIONS = {
    "territories": Section(_territories, _territory_urls),
    "consultations": Section(_consultations, _consultation_urls),
    "news": Section(_news, _news_urls),
    "proposals": Section(_proposals, _proposal_urls),
}


def files(kind):
    """How many files the section has (none without a row: a file lists one address at least)."""
    return math.ceil(count_rows(SECTIONS[kind].rows()) / PER_FILE)


def section_urls(kind, number):
    """[(address, last change)] of file `number` (from 1) of the section; 404 past its last."""
    if number < 1 or number > files(kind):
        abort(404)
    section = SECTIONS[kind]
    query = section.rows()
    rows = db.session.execute(query.order_by(query.selected_columns[0]).offset((number - 1) * PER_FILE).limit(PER_FILE))
    return [(absolute(url), changed) for row in rows for url, changed in section.urls(row)]


def page_urls():
    """[(address, last change or None)] of the platform's own pages."""
    urls = [(url_for("main.home"), None), (url_for("consultations.index"), None),
            (url_for("territories.index"), None)]
    urls += [(url_for("pages.show", slug=slug), None) for slug in BUILTIN]
    urls += [(url_for("pages.show", slug=page.slug), page.updated_at)
             for page in db.session.scalars(db.select(Page).where(Page.slug.not_in(BUILTIN)).order_by(Page.slug))]
    return [(absolute(url), changed) for url, changed in urls]
