"""The signed-in person's own space: profile, activity, API tokens."""
from flask import Blueprint

bp = Blueprint("account", __name__, url_prefix="/me")

from . import views  # noqa: E402,F401
