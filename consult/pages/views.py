"""Platform pages (terms of use, moderation charter, accessibility statement, …) and uploads."""
import posixpath

from flask import abort, current_app, render_template, send_from_directory
from flask_login import current_user

from ..consultations.images import COVERS, NEWS_IMAGES, image_shown
from ..permissions import can_view_proposal
from ..proposals.images import FOLDER as PROPOSAL_IMAGES
from ..proposals.images import proposal_of_image
from ..uploads.documents import SUBFOLDER as DOCUMENTS
from . import bp
from .services import footer_pages, page_or_default, statement_footer

UPLOAD_CACHE_SECONDS = 7 * 24 * 3600
PROPOSAL_IMAGE_CACHE_SECONDS = 5 * 60

bp.add_app_template_global(footer_pages, "footer_pages")
bp.add_app_template_global(statement_footer, "statement_footer")


# The accessibility statement keeps its own address, which /pages/accessibility redirects to.
@bp.get("/accessibility", defaults={"slug": "accessibility"})
@bp.get("/pages/<slug>")
def show(slug):
    page = page_or_default(slug)
    if page is None:
        abort(404)
    return render_template("pages/show.html", page=page)


@bp.get("/uploads/<path:path>")
def upload(path):
    """Serve an uploaded image. send_from_directory refuses any path outside the folder.

    A proposal's image (and its thumbnail) is served only to whom may see the proposal, and
    kept by browsers and caches a few minutes only: a proposal hidden by its moderators (a
    face, a number plate) takes its image offline with it. So are a consultation's cover and a
    piece of news's image: a consultation put back to draft takes its cover offline."""
    if posixpath.normpath(path) != path:
        abort(404)  # "./", "x/../": one address per file, so that the checks below see its folder
    max_age, public = UPLOAD_CACHE_SECONDS, True
    if path.startswith(f"{DOCUMENTS}/"):
        abort(404)  # a consultation's documents go by their consultation's page, to whom may read it
    if path.startswith(f"{PROPOSAL_IMAGES}/"):
        proposal = proposal_of_image(path)
        if proposal is None or not can_view_proposal(current_user, proposal):
            abort(404)
        max_age, public = PROPOSAL_IMAGE_CACHE_SECONDS, can_view_proposal(None, proposal)
    elif path.startswith((f"{COVERS}/", f"{NEWS_IMAGES}/")):
        if not image_shown(path, current_user):
            abort(404)  # a draft consultation's cover, a piece of news not out yet
        max_age, public = PROPOSAL_IMAGE_CACHE_SECONDS, image_shown(path, None)
    response = send_from_directory(current_app.config["UPLOAD_FOLDER"], path, max_age=max_age)
    if not public:  # served to its author or its staff only: kept by their browser, by no shared cache
        response.cache_control.public = False
        response.cache_control.private = True
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
