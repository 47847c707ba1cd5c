"""The territory a page is about (found at its old address names too), for the back office
a signed-in person allowed to act on it, and the rows of that territory it acts on."""
from flask import abort, redirect, request, url_for
from flask_login import current_user

from ..extensions import db
from ..permissions import require
from .services import formerly_at, get_by_slug


def territory_at(slug):
    """The territory at `slug`. At an address name it had before, a GET is redirected to the
    same page at its address now, so that links shared before the change still work; 404 when
    no territory had it. The redirect is temporary (302): a browser must not remember it, as
    the territory may take its old name back."""
    territory = get_by_slug(slug)
    if territory is None:
        moved = formerly_at(slug) if request.method in ("GET", "HEAD") else None
        if moved is None:
            abort(404)
        query = request.query_string.decode("latin-1")
        abort(redirect(url_for(request.endpoint, **{**request.view_args, "slug": moved.slug})
                       + (f"?{query}" if query else "")))
    return territory


def territory_or_404(slug, allowed):
    """The territory at `slug` (territory_at); 403 unless `allowed(current_user, territory)`."""
    territory = territory_at(slug)
    require(allowed(current_user, territory))
    return territory


def row_of_territory_or_404(model, row_id, territory):
    """The `model` row `row_id` when it belongs to `territory`; 404 otherwise."""
    row = db.session.get(model, row_id)
    if row is None or row.territory_id != territory.id:
        abort(404)
    return row
