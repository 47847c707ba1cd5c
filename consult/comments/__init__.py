"""Threaded comments on proposals."""
from flask import Blueprint

bp = Blueprint("comments", __name__, url_prefix=None)

from . import views  # noqa: E402,F401
