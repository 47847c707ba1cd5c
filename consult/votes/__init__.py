"""Votes and results."""
from flask import Blueprint

bp = Blueprint("votes", __name__, url_prefix=None)


@bp.record_once
def _template_helpers(state):
    """Templates show vote boxes with vote_box(consultation, proposal, my_vote)."""
    from .boxes import page_vote_box

    state.app.jinja_env.globals["vote_box"] = page_vote_box


from . import views  # noqa: E402,F401
