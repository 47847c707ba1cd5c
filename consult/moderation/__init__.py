"""Reports, review queue, decisions and appeals."""
from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/moderation")

from .services import template_labels  # noqa: E402

bp.context_processor(template_labels)

from . import views  # noqa: E402,F401
