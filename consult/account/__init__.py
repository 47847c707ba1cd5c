"""The signed-in person's own space: profile, activity, their data (download, deletion), API tokens."""
from flask import Blueprint

bp = Blueprint("account", __name__, url_prefix="/me")

from . import data_views, views  # noqa: E402,F401
