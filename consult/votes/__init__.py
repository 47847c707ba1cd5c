"""Votes and results."""
from flask import Blueprint

bp = Blueprint("votes", __name__, url_prefix=None)


@bp.record_once
def _public_cache(state):
    """The short-lived cache of public pages (see consult/pagecache)."""
    from .. import pagecache

    pagecache.init_app(state.app)


from . import views  # noqa: E402,F401
