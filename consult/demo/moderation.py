"""Demo moderation work: reports waiting in Villeneuve-sur-Lot's queue, so that the moderation
team has something to review. Made through the same service as a resident's report; loaded
once (nothing is added when any report exists)."""
from ..auth.services import find_user_by_email
from ..comments.models import Comment
from ..consultations.models import Consultation
from ..extensions import db
from ..moderation.models import Report
from ..moderation.services import create_report, load_target
from ..proposals.models import Proposal
from ..territories.models import Territory

# (what is reported, who reports it, reason, details)
REPORTS = [
    ("comment", "claire@example.org", "off_topic", "Ce commentaire parle d'un autre quartier que la proposition."),
    ("comment", "farid@example.org", "off_topic", ""),
    ("proposal", "emma@example.org", "spam", "La même idée est déjà proposée plus haut dans la liste."),
]


def _targets():
    """The newest published comment and proposal of the territory (the same on every machine)."""
    in_villeneuve = Consultation.territory.has(Territory.slug == "villeneuve-sur-lot")
    comment = db.session.scalar(db.select(Comment).join(Proposal).join(Consultation)
                                .where(in_villeneuve, Comment.status == "published").order_by(Comment.id.desc()))
    proposal = db.session.scalar(db.select(Proposal).join(Consultation)
                                 .where(in_villeneuve, Proposal.status == "published").order_by(Proposal.id.desc()))
    return {"comment": comment, "proposal": proposal}


def load():
    if db.session.scalar(db.select(Report.id).limit(1)) is not None:
        return []
    targets = _targets()
    for target_type, email, reason, details in REPORTS:
        item, reporter = targets[target_type], find_user_by_email(email)
        if item is None or reporter is None or reporter.id == item.author_id:
            continue
        create_report(reporter, load_target(target_type, item.id), reason, details)
    return []
