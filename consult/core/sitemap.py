"""The sitemap search engines read (robots.txt says where it is): every page the public may read,
so that a resident searching for « budget participatif Villeneuve » finds the consultation.

/sitemap.xml is an index of one file of the platform's pages (territories, consultations with
their proposals, results and news, platform pages) and of files of PROPOSALS_PER_FILE proposals each
(the protocol allows 50,000 addresses a file): a consultation of 100,000 proposals reads as
ten files, each from two queries."""
import math

from flask import abort, url_for

from ..consultations.models import Consultation, ConsultationNews
from ..consultations.services import PUBLIC_STATUSES
from ..database import utcnow
from ..extensions import db
from ..mail import absolute
from ..pages.models import BUILTIN, Page
from ..permissions import VISIBLE_PROPOSAL_STATUSES
from ..proposals.models import Proposal
from ..territories.models import Territory

PROPOSALS_PER_FILE = 10_000


def _public_proposals():
    return (db.select(Proposal.id, Proposal.updated_at).join(Consultation, Consultation.id == Proposal.consultation_id)
            .where(Consultation.status.in_(PUBLIC_STATUSES), Proposal.status.in_(VISIBLE_PROPOSAL_STATUSES)))


def proposal_files():
    """How many files of proposals the index lists (none without a public proposal: a file lists
    one address at least)."""
    count = db.session.scalar(db.select(db.func.count()).select_from(_public_proposals().subquery()))
    return math.ceil(count / PROPOSALS_PER_FILE)


def proposal_urls(number):
    """[(address, last change)] of the proposals of file `number` (from 1); 404 past the last."""
    if number < 1 or number > proposal_files():
        abort(404)
    rows = db.session.execute(_public_proposals().order_by(Proposal.id)
                              .offset((number - 1) * PROPOSALS_PER_FILE).limit(PROPOSALS_PER_FILE))
    return [(absolute(url_for("proposals.show", id=row.id)), row.updated_at) for row in rows]


def page_urls():
    """[(address, last change or None)] of the platform's other public pages."""
    urls = [(url_for("main.home"), None), (url_for("consultations.index"), None),
            (url_for("territories.index"), None), (url_for("pages.accessibility"), None)]
    urls += [(url_for("pages.show", slug=slug), None) for slug in BUILTIN]
    urls += [(url_for("pages.show", slug=page.slug), page.updated_at)
             for page in db.session.scalars(db.select(Page).where(Page.slug.not_in(BUILTIN)).order_by(Page.slug))]
    for slug in db.session.scalars(db.select(Territory.slug).order_by(Territory.slug)):
        urls += [(url_for("territories.show", slug=slug), None), (url_for("moderation_public.transparency", slug=slug), None)]
    news = {}  # consultation id: [(news id, last change)]
    for row in db.session.execute(
            db.select(ConsultationNews.consultation_id, ConsultationNews.id, ConsultationNews.published_at,
                      ConsultationNews.edited_at).where(ConsultationNews.published_at <= utcnow())
            .order_by(ConsultationNews.id)):
        news.setdefault(row.consultation_id, []).append((row.id, row.edited_at or row.published_at))
    for consultation in db.session.execute(db.select(Consultation.id, Consultation.updated_at)
                                           .where(Consultation.status.in_(PUBLIC_STATUSES)).order_by(Consultation.id)):
        cid = consultation.id
        urls += [(url_for("consultations.show", consultation_id=cid), consultation.updated_at),
                 (url_for("proposals.index", id=cid), None), (url_for("votes.results", id=cid), None)]
        if cid in news:
            urls.append((url_for("consultations.news_page", id=cid), None))
            urls += [(url_for("consultations.news_item", id=cid, news_id=news_id), changed)
                     for news_id, changed in news[cid]]
    return [(absolute(url), changed) for url, changed in urls]
