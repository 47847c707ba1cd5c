"""The consultation a page is about: on a public page or download, 404 for whom may not see it
(a draft is its territory's staff's only), as if it did not exist; in the back office, 403 for
whom may not run it (and so for its news and documents)."""
from flask_login import current_user

from ..extensions import db
from ..permissions import can_edit_consultation, can_view_consultation, require
from .models import Consultation


def consultation_or_404(id):
    consultation = db.get_or_404(Consultation, id)
    require(can_view_consultation(current_user, consultation), 404)
    return consultation


def consultation_to_manage(id):
    consultation = db.get_or_404(Consultation, id)
    require(can_edit_consultation(current_user, consultation))
    return consultation


def part_to_manage(model, id):
    """A piece of news or a document, in the back office: 404, then 403 as its consultation."""
    item = db.get_or_404(model, id)
    require(can_edit_consultation(current_user, item.consultation))
    return item
