"""Votes and results."""
from flask import Blueprint

bp = Blueprint("votes", __name__, url_prefix=None)

from . import views  # noqa: E402,F401
