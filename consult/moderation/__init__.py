"""Reports, review queue, decisions and appeals."""
from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/moderation")

from . import views  # noqa: E402,F401
