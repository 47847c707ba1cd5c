"""Proposals: posting, listing, editing, withdrawing, official answers."""
from flask import Blueprint

bp = Blueprint("proposals", __name__, url_prefix=None)

from . import views  # noqa: E402,F401
