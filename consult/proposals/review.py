"""What the proposal listing shows the moderators of the consultation's territory: which
proposals of the page await their decision (approval, or open reports), each card leading to
its decision page. Nobody else sees anything of it, and it costs them no query."""
from sqlalchemy import func

from ..extensions import db
from ..permissions import can_moderate, can_moderate_item


def open_reports_by_proposal(territory_id, ids):
    """{proposal id: its open reports in the territory}, for those of `ids` that have some: one
    grouped query."""
    from ..moderation.models import Report  # the moderation package reads the listing's counts

    return dict(db.session.execute(
        db.select(Report.target_id, func.count())
        .where(Report.status == "open", Report.territory_id == territory_id,
               Report.target_type == "proposal", Report.target_id.in_(ids))
        .group_by(Report.target_id)).all())


def to_review(user, consultation, proposals):
    """{proposal id: number of open reports} of the `proposals` this person may moderate
    (not their own) that await a decision: approval, or open reports. {} for anybody who
    moderates nothing in the territory, without a query."""
    territory_id = consultation.territory_id
    if not proposals or not can_moderate(user, territory_id):
        return {}
    reports = open_reports_by_proposal(territory_id, [p.id for p in proposals])
    return {p.id: reports.get(p.id, 0) for p in proposals
            if can_moderate_item(user, territory_id, p.author_id) and (p.status == "pending" or p.id in reports)}
