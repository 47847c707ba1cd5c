"""Platform pages (terms of use, moderation charter), the accessibility statement, and uploads."""
from datetime import date

from flask import abort, current_app, render_template, send_from_directory

from . import bp
from .services import footer_pages, page_or_default

UPLOAD_CACHE_SECONDS = 7 * 24 * 3600
# Update with each new accessibility review.
STATEMENT_DATE = date(2026, 11, 29)

bp.add_app_template_global(footer_pages, "footer_pages")


@bp.get("/pages/<slug>")
def show(slug):
    page = page_or_default(slug)
    if page is None:
        abort(404)
    return render_template("pages/show.html", page=page)


@bp.get("/accessibility")
def accessibility():
    contact = current_app.config.get("ACCESSIBILITY_CONTACT") or current_app.config.get("CONTACT_EMAIL")
    return render_template("pages/accessibility.html", statement_date=STATEMENT_DATE, contact=contact)


@bp.get("/uploads/<path:path>")
def upload(path):
    """Serve an uploaded image. send_from_directory refuses any path outside the folder."""
    response = send_from_directory(current_app.config["UPLOAD_FOLDER"], path,
                                   max_age=UPLOAD_CACHE_SECONDS)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
