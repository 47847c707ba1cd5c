"""Views of the auth blueprint."""
from . import bp  # noqa: F401


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Placeholder until this feature is built."""
    from flask import abort

    abort(404)


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    """Placeholder until this feature is built."""
    from flask import abort

    abort(404)


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Placeholder until this feature is built."""
    from flask import abort

    abort(404)
