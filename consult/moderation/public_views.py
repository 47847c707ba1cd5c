"""Public transparency page of a territory: moderation decisions by reason and month."""
from flask import Blueprint, render_template
from flask_babel import format_date

from ..database import utcnow
from ..territories.access import territory_at
from .queries import transparency as transparency_stats
from .services import REASON_LABELS, template_labels

bp = Blueprint("moderation_public", __name__)
bp.context_processor(template_labels)


@bp.route("/territories/<slug>/transparency")
def transparency(slug):
    territory = territory_at(slug)
    months, rules, counts, totals, reversed_ = transparency_stats(territory.id, utcnow())
    return render_template("moderation/transparency.html", territory=territory, months=months, rules=rules,
                           counts=counts, totals=totals, reversed=reversed_, reasons=REASON_LABELS,
                           month_label=lambda m: format_date(m, "MMMM yyyy"))
