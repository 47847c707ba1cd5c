"""Views of the admin blueprint."""
from . import bp  # noqa: F401


@bp.route("/", methods=["GET", "POST"])
def index():
    """Placeholder until this feature is built."""
    from flask import abort

    abort(404)
