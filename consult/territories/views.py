"""Views of the territories blueprint."""
from . import bp  # noqa: F401


@bp.route("/", methods=["GET", "POST"])
def index():
    """Placeholder until this feature is built."""
    from flask import abort

    abort(404)


@bp.get("/<slug>")
def show(slug):
    """Placeholder until this feature is built."""
    from flask import abort

    abort(404)
