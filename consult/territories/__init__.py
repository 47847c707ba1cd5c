"""Territories and their public pages."""
from flask import Blueprint

bp = Blueprint("territories", __name__, url_prefix="/territories")

from . import views  # noqa: E402,F401
