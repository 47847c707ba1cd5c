"""What is at stake in a consultation, as the back office counts it: its proposals, votes (all
of them, and those its results count), comments and items awaiting moderation (as its
moderation queue holds them), the votes its residents have used, the proposals of each
category. Each count is one grouped query, whatever the number of consultations.
"""
from functools import cached_property

from sqlalchemy import func, literal, true, union

from ..comments.models import Comment
from ..extensions import db
from ..proposals.models import Proposal
from ..votes.models import Participation, Vote
from ..votes.results import RESULT_STATUS

KINDS = ("proposals", "votes", "counted_votes", "comments", "pending")


def _proposals(ids):
    return (db.select(Proposal.consultation_id, func.count())
            .where(Proposal.consultation_id.in_(ids), Proposal.status == "published")
            .group_by(Proposal.consultation_id))


def _votes(ids):
    return (db.select(Vote.consultation_id, func.count())
            .where(Vote.consultation_id.in_(ids))
            .group_by(Vote.consultation_id))


def _counted_votes(ids):
    """The votes the results count: those on published proposals (their counters), not those
    still held by proposals withdrawn, hidden or rejected since."""
    cast = Proposal.votes_for + Proposal.votes_against + Proposal.votes_abstain
    return (db.select(Proposal.consultation_id, func.sum(cast))
            .where(Proposal.consultation_id.in_(ids), Proposal.status == RESULT_STATUS)
            .group_by(Proposal.consultation_id))


def _comments(ids):
    return (db.select(Proposal.consultation_id, func.count())
            .select_from(Comment).join(Proposal, Comment.proposal_id == Proposal.id)
            .where(Proposal.consultation_id.in_(ids), Comment.status == "published")
            .group_by(Proposal.consultation_id))


def _pending(ids):
    """The items of the moderation queue, one each: proposals and comments awaiting a moderator's
    approval or with open reports (a pending item reported too is counted once)."""
    from ..moderation.models import Report

    def reported(kind, item):
        return (Report.target_type == kind) & (Report.target_id == item.id) & (Report.status == "open")

    def rows(kind, item, condition, reports=False):
        query = db.select(Proposal.consultation_id.label("cid"), literal(kind).label("kind"), item.id.label("item"))
        if item is Comment:
            query = query.select_from(Comment).join(Proposal, Comment.proposal_id == Proposal.id)
        if reports:
            query = query.join(Report, reported(kind, item))
        return query.where(Proposal.consultation_id.in_(ids), condition)

    waiting = union(
        rows("proposal", Proposal, Proposal.status == "pending"),
        rows("comment", Comment, Comment.status == "pending"),
        rows("proposal", Proposal, true(), reports=True),
        rows("comment", Comment, true(), reports=True),
    ).subquery()
    return db.select(waiting.c.cid, func.count()).group_by(waiting.c.cid)


_QUERIES = {"proposals": _proposals, "votes": _votes, "counted_votes": _counted_votes, "comments": _comments,
            "pending": _pending}


def counts(consultation_ids, kinds=KINDS):
    """{consultation id: {kind: number}} for each of `kinds`: published proposals, votes cast,
    votes counted by the results, published comments, the items of its moderation queue (one
    query per kind)."""
    ids = list(dict.fromkeys(consultation_ids))
    result = {cid: dict.fromkeys(kinds, 0) for cid in ids}
    if not ids:
        return result
    for kind in kinds:
        for cid, number in db.session.execute(_QUERIES[kind](ids)):
            result[cid][kind] = number
    return result


class EditFacts:
    """What a change of a consultation's settings must respect, each read when first asked."""

    def __init__(self, consultation_id):
        self.consultation_id = consultation_id

    @cached_property
    def votes(self):
        """Votes cast in the consultation."""
        return counts([self.consultation_id], ("votes",))[self.consultation_id]["votes"]

    @cached_property
    def most_votes_used(self):
        """The most votes one person has used in the consultation."""
        return db.session.scalar(
            db.select(func.max(Participation.votes_used))
            .where(Participation.consultation_id == self.consultation_id)) or 0

    @cached_property
    def first_vote_at(self):
        """When the earliest vote still counted was cast (None without votes)."""
        return db.session.scalar(db.select(func.min(Vote.created_at)).where(Vote.consultation_id == self.consultation_id))

    @cached_property
    def last_vote_at(self):
        """When a vote still counted was last cast or changed (None without votes)."""
        return db.session.scalar(db.select(func.max(Vote.updated_at)).where(Vote.consultation_id == self.consultation_id))

    @cached_property
    def proposals_by_category(self):
        """{category id: number of proposals, whatever their status}."""
        return dict(db.session.execute(
            db.select(Proposal.category_id, func.count())
            .where(Proposal.consultation_id == self.consultation_id, Proposal.category_id.is_not(None))
            .group_by(Proposal.category_id)).all())


def edit_facts(consultation):
    """The EditFacts of a saved consultation, or None for one not saved yet (nothing at stake)."""
    return EditFacts(consultation.id) if consultation is not None and consultation.id is not None else None
