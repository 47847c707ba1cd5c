"""Proposals: posting, listing, editing, withdrawing, official answers."""
from flask import Blueprint

bp = Blueprint("proposals", __name__, url_prefix=None)


@bp.record_once
def _template_helpers(state):
    from .slots import init_app

    init_app(state.app)


from . import views  # noqa: E402,F401
