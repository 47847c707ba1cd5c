"""What a person has done: their proposals, comments and votes (bounded, paginated queries)."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.orm import joinedload

from ..comments.labels import STATUS_LABELS as COMMENT_STATUS_LABELS
from ..comments.models import Comment
from ..extensions import db
from ..proposals.labels import STATUS_LABELS as PROPOSAL_STATUS_LABELS
from ..proposals.models import Proposal
from ..votes.models import Vote

PER_PAGE = 20


def _paginate(query, page):
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False, max_per_page=PER_PAGE)


def my_proposals(user, page=1):
    query = (db.select(Proposal).where(Proposal.author_id == user.id)
             .options(joinedload(Proposal.consultation))
             .order_by(Proposal.created_at.desc(), Proposal.id.desc()))
    return _paginate(query, page)


def my_comments(user, page=1):
    query = (db.select(Comment).where(Comment.author_id == user.id, Comment.status != "deleted")
             .options(joinedload(Comment.proposal).joinedload(Proposal.consultation))
             .order_by(Comment.created_at.desc(), Comment.id.desc()))
    return _paginate(query, page)


def my_votes(user, page=1):
    query = (db.select(Vote).where(Vote.user_id == user.id)
             .options(joinedload(Vote.proposal).joinedload(Proposal.consultation))
             .order_by(Vote.created_at.desc(), Vote.id.desc()))
    return _paginate(query, page)


def counts(user):
    """How many proposals, comments and votes, in one query."""
    row = db.session.execute(db.select(
        db.select(func.count(Proposal.id)).where(Proposal.author_id == user.id).scalar_subquery(),
        db.select(func.count(Comment.id)).where(Comment.author_id == user.id, Comment.status != "deleted")
        .scalar_subquery(),
        db.select(func.count(Vote.id)).where(Vote.user_id == user.id).scalar_subquery(),
    )).one()
    return dict(zip(("proposals", "comments", "votes"), row))


def status_labels(tab):
    """The statuses of a tab's items: in French they agree with « commentaire » on the
    comments' tab, with « proposition » on the others (my proposals, the proposals I voted on)."""
    return COMMENT_STATUS_LABELS if tab == "comments" else PROPOSAL_STATUS_LABELS


def vote_label(value, proposal):
    """My own vote (its value, on `proposal`), in words (shown to me only, in "my activity")."""
    if value == 1:
        consultation = proposal.consultation if proposal else None
        if consultation is not None and consultation.vote_mode == "support":
            return _l("Supported")
        return _l("For")
    return _l("Against") if value == -1 else _l("Abstain")
