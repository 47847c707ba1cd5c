"""Public pages of consultations: the listing with its filters, one consultation, its news (and
its feed) and its documents."""
import re
from urllib.parse import urlencode

from flask import abort, current_app, make_response, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user

from ..core.csvfiles import csv_download
from ..core.urls import page_arg
from ..database import utcnow
from ..extensions import db, limiter
from ..i18n import localized
from ..permissions import can_view_consultation, propose_refusal
from ..proposals.listing import listing_context
from ..proposals.services import proposals_count
from ..territories.services import renamed
from ..uploads.documents import MIME_TYPES, download_name
from . import bp, documents, export, listing, news
from .calendar import consultation_calendar
from .access import consultation_or_404
from .labels import PHASE_STATE_LABELS, TEMPLATE_LABELS, THEME_LABELS, phase_label, theme_label, themes_in_order


bp.add_app_template_global(theme_label, "consultation_theme_label")
bp.add_app_template_global(phase_label, "consultation_phase_label")
bp.add_app_template_global(TEMPLATE_LABELS, "consultation_labels")
bp.add_app_template_global(documents.describe, "document_description")

CACHE_SECONDS = 300  # the news feed, the calendar, a document
# What XML 1.0 cannot hold, even escaped (a vertical tab pasted from a word processor): left out.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _filters():
    args = request.args
    theme = args.get("theme", "")
    phase = args.get("phase", "")
    return {
        "territory": args.get("territory", "").strip()[:80],
        "theme": theme if theme in THEME_LABELS else "",
        "phase": phase if phase in PHASE_STATE_LABELS else "",
        "q": args.get("q", "").strip()[:200],
    }


@bp.get("/")
def index():
    filters = _filters()
    former = renamed(filters["territory"])
    if former:  # an old link: to the territory's name now, which the filter's list selects
        args = request.args.copy()  # the link's query, as it is (no argument of url_for: '_method', 'endpoint'…)
        args["territory"] = former.slug
        return redirect(f"{url_for('consultations.index')}?{urlencode(list(args.items(multi=True)))}")
    now = utcnow()
    page = page_arg()
    pagination = db.paginate(listing.listing_query(now=now, **filters), page=page,
                             per_page=listing.PER_PAGE, error_out=False, count=True)
    territories = listing.filter_territories(filters["territory"])
    cards = [{"consultation": c, "timeline": listing.timeline(c, now)} for c in pagination.items]
    return render_template(
        "consultations/index.html", pagination=pagination, cards=cards, filters=filters,
        territories=territories, themes=themes_in_order(), phase_states=PHASE_STATE_LABELS,
        args={k: v for k, v in filters.items() if v},
    )


@bp.get("/<int:consultation_id>")
def show(consultation_id):
    consultation = listing.get_with_details(consultation_id)
    if consultation is None or not can_view_consultation(current_user, consultation):
        abort(404)
    now = utcnow()
    refusal = propose_refusal(current_user, consultation, now, proposals_count(current_user, consultation))
    latest_news, news_count = news.latest_news(consultation.id)
    return render_template(
        "consultations/show.html", consultation=consultation, territory=consultation.territory,
        steps=listing.timeline(consultation, now), may_propose=refusal is None, propose_refusal=refusal,
        latest_news=latest_news, news_count=news_count, consultation_documents=documents.documents_of(consultation.id),
        **listing_context(consultation, current_user, request.args),
    )


@bp.get("/<int:id>/news")
def news_page(id):
    consultation = consultation_or_404(id)
    pagination = db.paginate(news.news_query(consultation.id), page=page_arg(), per_page=news.PER_PAGE,
                             error_out=False)
    return render_template("consultations/news.html", consultation=consultation,
                           territory=consultation.territory, pagination=pagination)


@bp.get("/<int:id>/calendar.ics")
def calendar(id):
    """Its phases, for residents' calendars."""
    consultation = consultation_or_404(id)
    now = utcnow()
    steps = listing.timeline(consultation, now)
    if not steps:
        abort(404)  # no date to give (and a calendar holds one event at least)
    ics = consultation_calendar(consultation, steps, now, current_app.config["PLATFORM_NAME"])
    response = make_response(ics, {"Content-Type": "text/calendar; charset=utf-8; method=PUBLISH"})
    response.headers["Content-Disposition"] = f'inline; filename="consultation-{consultation.id}.ics"'
    _cached(response, consultation)
    return response


def _cached(response, consultation):
    """Kept CACHE_SECONDS by every cache when the public reads the consultation, by the browser only
    otherwise (a draft's, for its staff); in the reader's language."""
    response.vary.update(("Accept-Language", "Cookie"))
    if can_view_consultation(None, consultation):
        response.cache_control.public = True
        response.cache_control.max_age = CACHE_SECONDS
    else:
        response.cache_control.public = False
        response.cache_control.private = True


@bp.get("/<int:id>/documents/<int:document_id>")
def document(id, document_id):
    """A document, to whom may read its consultation: a PDF opens in the browser, an OpenDocument
    file is saved, under its title."""
    consultation = consultation_or_404(id)
    item = documents.document_or_404(document_id)
    if item.consultation_id != consultation.id:
        abort(404)
    response = send_from_directory(
        current_app.config["UPLOAD_FOLDER"], item.file_path, mimetype=MIME_TYPES[item.file_format],
        as_attachment=item.file_format != "pdf", download_name=download_name(localized(item.title), item.file_format),
        max_age=CACHE_SECONDS)
    _cached(response, consultation)  # named in the reader's language
    # The browser's PDF viewer is an embedded object: the site's policy ("object-src 'none'") would block it.
    response.headers["Content-Security-Policy"] = "default-src 'none'; object-src 'self'; frame-ancestors 'none'"
    return response


@bp.get("/<int:id>/news.atom")
def news_feed(id):
    """The latest news as an Atom feed: for feed readers, and the town's own site to show it."""
    consultation = consultation_or_404(id)
    items = db.session.scalars(news.news_query(consultation.id).limit(news.FEED_SIZE)).all()
    updated = max((item.edited_at or item.published_at for item in items),
                  default=consultation.published_at or consultation.created_at)
    xml = render_template("consultations/news.atom.xml", consultation=consultation, items=items, updated=updated)
    response = make_response(NOT_IN_XML.sub("", xml), {"Content-Type": "application/atom+xml; charset=utf-8"})
    # Revalidated by the feed itself, not by a date: a deleted piece of news or a new title
    # changes it without making any date newer.
    response.add_etag()
    _cached(response, consultation)
    return response.make_conditional(request)


@bp.get("/<int:id>/news/<int:news_id>")
def news_item(id, news_id):
    """One piece of news at its own address, to share (its notice leads there)."""
    consultation = consultation_or_404(id)
    item = news.news_or_404(news_id)
    if item.consultation_id != consultation.id or not item.shown(utcnow()):  # not yet: its staff's only
        abort(404)
    return render_template("consultations/news_item.html", consultation=consultation,
                           territory=consultation.territory, item=item)


# --- the contributions, for the consultation's report -------------------------------------

# Each download reads a whole consultation: a few a minute per address are plenty.
EXPORT_RATE_LIMIT = "10 per minute"


@bp.get("/<int:id>/proposals-excel.csv")
@limiter.shared_limit(EXPORT_RATE_LIMIT, scope="contributions-export")
def proposals_excel_csv(id):
    consultation = consultation_or_404(id)
    return csv_download(export.filename(consultation, "proposals"), export.proposal_header(consultation),
                        export.proposal_rows(consultation.id), for_spreadsheet=True)


@bp.get("/<int:id>/comments-excel.csv")
@limiter.shared_limit(EXPORT_RATE_LIMIT, scope="contributions-export")
def comments_excel_csv(id):
    consultation = consultation_or_404(id)
    return csv_download(export.filename(consultation, "comments"), export.comment_header(),
                        export.comment_rows(consultation.id), for_spreadsheet=True)
