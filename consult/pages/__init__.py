"""Platform pages: terms, charter, accessibility."""
from flask import Blueprint

bp = Blueprint("pages", __name__, url_prefix=None)

from . import views  # noqa: E402,F401
