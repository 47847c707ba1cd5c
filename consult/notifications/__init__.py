"""Follows and notifications."""
from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix=None)

from . import views  # noqa: E402,F401
