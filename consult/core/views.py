"""Home page, language switch and health check."""
from flask import current_app, jsonify, redirect, render_template, request
from flask_login import current_user

from ..extensions import db
from ..i18n import LOCALE_COOKIE
from . import bp
from .health import database_state
from .urls import safe_next


@bp.get("/")
def home():
    from ..territories.models import Territory

    territories = db.session.scalars(db.select(Territory).order_by(Territory.name)).all()
    return render_template("core/home.html", territories=territories)


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
