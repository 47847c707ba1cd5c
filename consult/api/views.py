"""The interactive API documentation, with its assets served by the app."""
from flask import render_template

from . import bp


@bp.get("/docs")
def docs():
    return render_template("api/docs.html")
