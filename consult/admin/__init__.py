"""Back office: territories, roles, verified residents, consultations."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import accounts, members, pages, platform_admins, residents, staff_log, views  # noqa: E402,F401
