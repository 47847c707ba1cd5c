"""The territory a back-office page is about, for a signed-in person allowed to act on it,
and the rows of that territory it acts on."""
from flask import abort
from flask_login import current_user

from ..extensions import db
from ..permissions import require
from .services import get_by_slug


def territory_or_404(slug, allowed):
    """The territory at `slug` (404 when there is none); 403 unless `allowed(current_user, territory)`."""
    territory = get_by_slug(slug) or abort(404)
    require(allowed(current_user, territory))
    return territory


def row_of_territory_or_404(model, row_id, territory):
    """The `model` row `row_id` when it belongs to `territory`; 404 otherwise."""
    row = db.session.get(model, row_id)
    if row is None or row.territory_id != territory.id:
        abort(404)
    return row
