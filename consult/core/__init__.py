"""Home page, language switch, health check and error pages."""
from flask import Blueprint

bp = Blueprint("main", __name__, url_prefix=None)

from . import views  # noqa: E402,F401
