"""The territory a back-office page is about, for a signed-in person allowed to act on it."""
from flask import abort
from flask_login import current_user

from ..permissions import require
from .services import get_by_slug


def territory_or_404(slug, allowed):
    """The territory at `slug` (404 when there is none); 403 unless `allowed(current_user, territory)`."""
    territory = get_by_slug(slug) or abort(404)
    require(allowed(current_user, territory))
    return territory
