"""Accounts: registration, confirmation, sign-in, password reset."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from . import invitation_views, views  # noqa: E402,F401
