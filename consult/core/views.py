"""Home page, language switch, health check and robots.txt."""
from flask import current_app, jsonify, redirect, render_template, request
from flask_login import current_user

from ..extensions import db
from ..i18n import LOCALE_COOKIE
from . import bp
from .health import database_state
from .urls import safe_next


HOME_CONSULTATIONS = 6
HOME_TERRITORIES = 12


@bp.get("/")
def home():
    """The consultations where one may propose or vote now, to take part at once, and the first
    territories (each list links to the whole of it)."""
    from ..consultations.services import listing_query, taking_part, timeline
    from ..database import utcnow
    from ..territories.models import Territory

    now = utcnow()
    open_now = db.session.scalars(listing_query(phase="open", now=now).where(taking_part(now))
                                  .limit(HOME_CONSULTATIONS + 1)).unique().all()
    territories = db.session.scalars(db.select(Territory).order_by(Territory.name, Territory.id)
                                     .limit(HOME_TERRITORIES + 1)).all()
    return render_template(
        "core/home.html", cards=[{"consultation": c, "timeline": timeline(c, now)}
                                 for c in open_now[:HOME_CONSULTATIONS]],
        more_consultations=len(open_now) > HOME_CONSULTATIONS,
        territories=territories[:HOME_TERRITORIES], more_territories=len(territories) > HOME_TERRITORIES)


# Pages that are somebody's own, or staff's: nothing for a search engine to index.
ROBOTS = "\n".join(["User-agent: *", *(f"Disallow: {path}" for path in (
    "/auth/", "/me", "/admin/", "/moderation/", "/api/")), ""])


@bp.get("/robots.txt")
def robots():
    return current_app.response_class(ROBOTS, mimetype="text/plain")


@bp.get("/healthz")
def healthz():
    """200 when the database answers and its schema is not behind the code's; 503 otherwise
    (see health.py)."""
    database, schema = database_state()
    ok = database == "ok" and schema in ("ok", "unversioned", "ahead")
    return jsonify(status="ok" if ok else "error", database=database, schema=schema), (200 if ok else 503)


@bp.post("/language")
def set_language():
    """The language switcher: remembered in a cookie, and on the account when signed in."""
    locale = request.form.get("locale", "")
    response = redirect(safe_next(request.form.get("next")))
    if locale not in current_app.config["LANGUAGES"]:
        return response
    response.set_cookie(LOCALE_COOKIE, locale, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    if current_user.is_authenticated:
        current_user.locale = locale
    return response
