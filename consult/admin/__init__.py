"""Back office: territories, roles, consultations."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import members, pages, views  # noqa: E402,F401
