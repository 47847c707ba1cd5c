"""Home page, language switch, health check, robots.txt and the sitemap."""
from flask import current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ..extensions import db
from ..i18n import LOCALE_COOKIE, note_language
from ..mail import absolute
from . import bp, sitemap
from .health import database_state
from .urls import safe_next


HOME_CONSULTATIONS = 6
HOME_TERRITORIES = 12
HOME_NEWS = 3


@bp.get("/")
def home():
    """The consultations where one may propose or vote now, to take part at once (or, when there
    is none, those that open soon), the latest news of the consultations, and the first territories
    (each list links to the whole of it)."""
    from ..consultations.news import latest_public_news
    from ..consultations.listing import listing_query, opening_later, taking_part, timeline
    from ..database import utcnow
    from ..territories.models import Territory

    now = utcnow()
    open_now = db.session.scalars(listing_query(phase="open", now=now).where(taking_part(now))
                                  .limit(HOME_CONSULTATIONS + 1)).unique().all()
    soon = [] if open_now else db.session.scalars(listing_query(now=now).where(opening_later(now))
                                                  .limit(HOME_CONSULTATIONS)).unique().all()
    territories = db.session.scalars(db.select(Territory).order_by(Territory.folded_name, Territory.id)
                                     .limit(HOME_TERRITORIES + 1)).all()
    return render_template(
        "core/home.html", cards=[{"consultation": c, "timeline": timeline(c, now)}
                                 for c in open_now[:HOME_CONSULTATIONS]],
        more_consultations=len(open_now) > HOME_CONSULTATIONS,
        soon=[{"consultation": c, "timeline": timeline(c, now)} for c in soon], latest_news=latest_public_news(HOME_NEWS),
        territories=territories[:HOME_TERRITORIES], more_territories=len(territories) > HOME_TERRITORIES)


# Pages that are somebody's own, or staff's: nothing for a search engine to index.
ROBOTS = "\n".join(["User-agent: *", *(f"Disallow: {path}" for path in (
    "/auth/", "/me", "/admin/", "/moderation/", "/api/")), ""])


SITEMAP_CACHE_SECONDS = 3600


@bp.get("/robots.txt")
def robots():
    return current_app.response_class(f"{ROBOTS}Sitemap: {absolute(url_for('main.sitemap_index'))}\n",
                                      mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap_index():
    files = [url_for("main.sitemap_pages")]
    files += [url_for("main.sitemap_section", kind=kind, number=n)
              for kind in sitemap.SECTIONS for n in range(1, sitemap.files(kind) + 1)]
    return _xml(render_template("core/sitemap_index.xml", files=[absolute(f) for f in files]))


@bp.get("/sitemap-pages.xml")
def sitemap_pages():
    return _xml(render_template("core/sitemap.xml", urls=sitemap.page_urls()))


@bp.get(f"/sitemap-<any({', '.join(sitemap.SECTIONS)}):kind>-<int:number>.xml")
def sitemap_section(kind, number):
    return _xml(render_template("core/sitemap.xml", urls=sitemap.section_urls(kind, number)))


def _xml(text):
    response = current_app.response_class(text, mimetype="application/xml")
    response.cache_control.public = True
    response.cache_control.max_age = SITEMAP_CACHE_SECONDS
    return response


@bp.get("/healthz")
def healthz():
    """200 when the database answers and its schema is not behind the code's; 503 otherwise
    (see health.py)."""
    database, schema = database_state()
    ok = database == "ok" and schema in ("ok", "unversioned", "ahead")
    return jsonify(status="ok" if ok else "error", database=database, schema=schema), (200 if ok else 503)


@bp.post("/language")
def set_language():
    """The language switcher: remembered in a cookie, and on the account when signed in.

    On a page showing a posted form (a proposal's preview), the switcher carries that form's
    fields too (base.html), with `resend` the page's address: the browser sends them there again
    (a 307 keeps the method and the fields), and the page comes back in the new language with
    everything written or chosen in it, which the redirect to a plain page would lose."""
    locale = request.form.get("locale", "")
    resend = safe_next(request.args.get("resend"), None)
    response = redirect(resend, 307) if resend else redirect(safe_next(request.form.get("next")))
    if locale not in current_app.config["LANGUAGES"]:
        return response
    response.set_cookie(LOCALE_COOKIE, locale, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    if current_user.is_authenticated:
        current_user.locale = locale
        note_language(current_user)
    return response
