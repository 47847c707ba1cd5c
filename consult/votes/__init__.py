"""Votes and results."""
from flask import Blueprint

bp = Blueprint("votes", __name__, url_prefix=None)


@bp.record_once
def _public_cache(state):
    """The short-lived cache of public pages (see consult/pagecache)."""
    from .. import pagecache
    from .boxes import page_vote_box

    pagecache.init_app(state.app)
    state.app.jinja_env.globals["vote_box"] = page_vote_box


from . import views  # noqa: E402,F401
