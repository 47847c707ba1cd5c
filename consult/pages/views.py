"""Views of the pages blueprint."""
from . import bp  # noqa: F401


@bp.route("/pages/<slug>", methods=["GET", "POST"])
def show():
    """Placeholder until this feature is built."""
    from flask import abort

    abort(404)


@bp.route("/accessibility", methods=["GET", "POST"])
def accessibility():
    """Placeholder until this feature is built."""
    from flask import abort

    abort(404)
