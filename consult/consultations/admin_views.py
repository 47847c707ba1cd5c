"""Back office for consultations: territory admins create and run them under /admin/."""
from flask import Blueprint

admin_bp = Blueprint("consultations_admin", __name__, url_prefix="/admin")
