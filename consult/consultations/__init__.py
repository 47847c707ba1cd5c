"""Consultations: listing, detail, timeline."""
from flask import Blueprint

bp = Blueprint("consultations", __name__, url_prefix="/consultations")

from . import views  # noqa: E402,F401
