"""Public pages of the territories: the list and each territory's page."""
from flask import render_template
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from ..consultations.models import PUBLIC_STATUSES, Consultation
from ..database import utcnow
from ..core.urls import page_arg
from ..extensions import db
from . import bp
from .forms import kind_labels
from .models import Territory
from .access import territory_at

PER_PAGE = 12
CONSULTATIONS_PER_PAGE = 10


def _public_counts(territory_ids):
    """Number of published or archived consultations of each territory, in one query."""
    if not territory_ids:
        return {}
    rows = db.session.execute(
        db.select(Consultation.territory_id, func.count(Consultation.id))
        .where(Consultation.territory_id.in_(territory_ids), Consultation.status.in_(PUBLIC_STATUSES))
        .group_by(Consultation.territory_id)
    )
    return dict(rows.all())


@bp.get("/")
def index():
    pagination = db.paginate(db.select(Territory).order_by(Territory.folded_name, Territory.id),
                             page=page_arg(), per_page=PER_PAGE, error_out=False)
    counts = _public_counts([t.id for t in pagination.items])
    return render_template("territories/index.html", pagination=pagination, counts=counts,
                           kinds=kind_labels())


@bp.get("/<slug>")
def show(slug):
    territory = territory_at(slug)
    consultations = db.paginate(
        db.select(Consultation).options(selectinload(Consultation.phases))
        .where(Consultation.territory_id == territory.id, Consultation.status.in_(PUBLIC_STATUSES))
        .order_by(Consultation.published_at.desc().nulls_last(), Consultation.created_at.desc(),
                  Consultation.id.desc()),
        page=page_arg(), per_page=CONSULTATIONS_PER_PAGE, error_out=False)
    from ..consultations.listing import timeline  # consultations imports territories

    now = utcnow()
    cards = [{"consultation": c, "timeline": timeline(c, now)} for c in consultations.items]
    return render_template("territories/show.html", territory=territory, consultations=consultations,
                           cards=cards, kinds=kind_labels())
