"""Demo moderation work: reports waiting in Villeneuve-sur-Lot's queue, so that the moderation
team has something to review, and one past decision, so that the territory's transparency
page, the hidden comment's notice and its author's "decisions about me" show something.
Made through the same services as a resident's report and a moderator's decision; loaded
once (nothing is added when any report exists)."""
from datetime import timedelta

from ..auth.services import find_user_by_email
from ..comments.models import Comment
from ..consultations.models import Consultation
from ..extensions import db
from ..database import utcnow
from ..moderation.decisions import act
from ..moderation.models import Report
from ..moderation.services import create_report, load_target
from ..proposals.models import Proposal
from ..territories.models import Territory

# What is reported, by whom, why: {type: [(reporter, reason, details)]}
REPORTS = {
    "comment": [("claire@example.org", "off_topic", "Ce commentaire parle d'un autre quartier que la proposition."),
                ("farid@example.org", "off_topic", "")],
    "proposal": [("emma@example.org", "spam", "La même idée est déjà proposée plus haut dans la liste.")],
}
MODELS = {"comment": Comment, "proposal": Proposal}
# A comment the moderation team hid: (proposal, author, comment, rule of the charter, statement of reasons)
HIDDEN = ("Un parcours sportif le long de la rivière", "louis@example.org",
          "Ceux qui réclament encore des agrès sont des abrutis, ça ne servira à personne.", "harassment",
          "Votre avis sur le parcours sportif a sa place ici, mais pas les insultes envers les autres "
          "participants. Vous pouvez le reformuler sans viser personne.")


def _newest(model, not_by):
    """The newest published item of the territory written by none of `not_by` (the same on
    every machine)."""
    query = db.select(model).join(Proposal) if model is Comment else db.select(model)
    return db.session.scalar(
        query.join(Consultation, Consultation.id == Proposal.consultation_id)
        .where(Consultation.territory.has(Territory.slug == "villeneuve-sur-lot"),
               model.status == "published", model.author_id.not_in(not_by))
        .order_by(model.id.desc()))


def load():
    if db.session.scalar(db.select(Report.id).limit(1)) is not None:
        return []
    for target_type, reports in REPORTS.items():
        reporters = [(find_user_by_email(email), reason, details) for email, reason, details in reports]
        item = _newest(MODELS[target_type], [reporter.id for reporter, _, _ in reporters])
        target = load_target(target_type, item.id)
        for reporter, reason, details in reporters:
            create_report(reporter, target, reason, details)
    _past_decision()
    return []


def _past_decision():
    title, author, body, rule, explanation = HIDDEN
    proposal = db.session.scalar(db.select(Proposal).where(Proposal.title == title))
    written = utcnow() - timedelta(days=3)
    comment = Comment(proposal=proposal, author=find_user_by_email(author), body=body, language="fr",
                      created_at=written, published_at=written)
    proposal.comments_count += 1
    db.session.add(comment)
    db.session.flush()
    act(find_user_by_email("moderation@example.org"), load_target("comment", comment.id), "hide",
        rule=rule, explanation=explanation)
