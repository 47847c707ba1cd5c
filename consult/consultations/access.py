"""The consultation a public page or download is about: 404 for whom may not see it (a draft
is its territory's staff's only), as if it did not exist."""
from flask_login import current_user

from ..extensions import db
from ..permissions import can_view_consultation, require
from .models import Consultation


def consultation_or_404(id):
    consultation = db.get_or_404(Consultation, id)
    require(can_view_consultation(current_user, consultation), 404)
    return consultation
