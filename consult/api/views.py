"""Views of the api blueprint."""
from . import bp  # noqa: F401


@bp.route("/docs", methods=["GET", "POST"])
def docs():
    """Placeholder until this feature is built."""
    from flask import abort

    abort(404)
