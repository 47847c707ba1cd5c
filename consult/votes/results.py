"""Results of a consultation, computed with a bounded number of aggregate queries.

Nothing here says who voted for what: only totals per proposal, per category and per day.
"""
from collections import OrderedDict
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, union
from sqlalchemy.orm import joinedload

from ..comments.models import Comment
from ..extensions import db
from ..phases import current_phase, phase_state
from ..proposals.models import Proposal, ProposalAnswer
from .models import Vote

RESULT_STATUS = "published"
LICENCE = "Licence Ouverte / Etalab 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def score_order(consultation):
    """Ranking order: supports, or (for − against) then for, then oldest first."""
    if consultation.vote_mode == "for_against":
        return [(Proposal.votes_for - Proposal.votes_against).desc(), Proposal.votes_for.desc(),
                Proposal.created_at, Proposal.id]
    return [Proposal.votes_for.desc(), Proposal.created_at, Proposal.id]


def ranked_proposals(consultation):
    """Every published proposal, ranked, with author and category (one query)."""
    return db.session.scalars(
        select(Proposal)
        .where(Proposal.consultation_id == consultation.id, Proposal.status == RESULT_STATUS)
        .options(joinedload(Proposal.author), joinedload(Proposal.category))
        .order_by(*score_order(consultation))
    ).all()


def latest_answers(proposal_ids):
    """{proposal_id: newest ProposalAnswer} (one query)."""
    if not proposal_ids:
        return {}
    answers = {}
    rows = db.session.scalars(
        select(ProposalAnswer).where(ProposalAnswer.proposal_id.in_(proposal_ids))
        .order_by(ProposalAnswer.proposal_id, ProposalAnswer.created_at.desc(), ProposalAnswer.id.desc())
    )
    for answer in rows:
        answers.setdefault(answer.proposal_id, answer)
    return answers


def totals(consultation):
    cid = consultation.id
    live = select(Proposal.id).where(Proposal.consultation_id == cid, Proposal.status == RESULT_STATUS)
    split = db.session.execute(
        select(func.coalesce(func.sum(Proposal.votes_for), 0), func.coalesce(func.sum(Proposal.votes_against), 0),
               func.coalesce(func.sum(Proposal.votes_abstain), 0), func.count(Proposal.id))
        .where(Proposal.consultation_id == cid, Proposal.status == RESULT_STATUS)
    ).one()
    voters = db.session.scalar(
        select(func.count(func.distinct(Vote.user_id))).where(Vote.proposal_id.in_(live))
    )
    comments = db.session.scalar(
        select(func.count(Comment.id)).where(Comment.proposal_id.in_(live), Comment.status == "published")
    )
    people = union(
        select(Vote.user_id.label("uid")).where(Vote.proposal_id.in_(live)),
        select(Proposal.author_id.label("uid")).where(Proposal.consultation_id == cid,
                                                      Proposal.status == RESULT_STATUS),
        select(Comment.author_id.label("uid")).where(Comment.proposal_id.in_(live),
                                                     Comment.status == "published"),
    ).subquery()
    participants = db.session.scalar(select(func.count()).select_from(people))
    return {
        "for": int(split[0]), "against": int(split[1]), "abstain": int(split[2]),
        "votes": int(split[0]) + int(split[1]) + int(split[2]),
        "proposals": int(split[3]), "comments": int(comments or 0),
        "voters": int(voters or 0), "participants": int(participants or 0),
    }


def _day(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _per_day(column, *where):
    day = func.date(column)
    rows = db.session.execute(select(day, func.count()).where(*where).group_by(day).order_by(day))
    return {_day(d): int(n) for d, n in rows if d is not None}


def activity(consultation):
    """Votes, proposals and comments per day — or per week (Mondays) over long periods."""
    cid = consultation.id
    live = select(Proposal.id).where(Proposal.consultation_id == cid, Proposal.status == RESULT_STATUS)
    series = {
        "votes": _per_day(Vote.created_at, Vote.proposal_id.in_(live)),
        "proposals": _per_day(Proposal.created_at, Proposal.consultation_id == cid,
                              Proposal.status == RESULT_STATUS),
        "comments": _per_day(Comment.created_at, Comment.proposal_id.in_(live), Comment.status == "published"),
    }
    days = sorted(set().union(*(s.keys() for s in series.values())))
    if not days:
        return {"unit": "day", "rows": []}
    unit = "week" if (days[-1] - days[0]).days > 45 else "day"
    buckets = OrderedDict()
    start = days[0] if unit == "day" else days[0] - timedelta(days=days[0].weekday())
    step = timedelta(days=1 if unit == "day" else 7)
    current = start
    while current <= days[-1]:
        buckets[current] = {"votes": 0, "proposals": 0, "comments": 0}
        current += step
    for name, values in series.items():
        for day, n in values.items():
            key = day if unit == "day" else day - timedelta(days=day.weekday())
            buckets[key][name] += n
    return {"unit": unit, "rows": [dict(period=k, **v) for k, v in buckets.items()]}


def by_category(consultation):
    rows = db.session.execute(
        select(Proposal.category_id, func.count(Proposal.id), func.coalesce(func.sum(Proposal.votes_for), 0),
               func.coalesce(func.sum(Proposal.votes_against), 0),
               func.coalesce(func.sum(Proposal.votes_abstain), 0))
        .where(Proposal.consultation_id == consultation.id, Proposal.status == RESULT_STATUS)
        .group_by(Proposal.category_id)
    ).all()
    names = {c.id: c for c in consultation.categories}
    result = []
    for category_id, proposals, vfor, against, abstain in rows:
        category = names.get(category_id)
        result.append({"category": category, "proposals": int(proposals), "for": int(vfor),
                       "against": int(against), "abstain": int(abstain)})
    order = {c.id: i for i, c in enumerate(consultation.categories)}
    result.sort(key=lambda r: order.get(r["category"].id, -1) if r["category"] else len(order))
    return result


def is_eligible(consultation, proposal):
    threshold = consultation.support_threshold or 0
    return threshold > 0 and proposal.votes_for >= threshold


def provisional(consultation, now):
    """(whether the figures will still move, the vote phase not over yet or None): they move
    while participation is open or to come, until the results phase."""
    current = current_phase(consultation, now)
    moving = (consultation.status == "published" and phase_state(consultation, now) != "closed"
              and not (current is not None and current.kind == "results"))
    vote = next((p for p in consultation.phases if p.kind == "vote" and p.ends_at > now), None)
    return moving, vote


def answer_counts(proposals):
    counts = {}
    for p in proposals:
        if p.answer_state:
            counts[p.answer_state] = counts.get(p.answer_state, 0) + 1
    return counts


def compute(consultation):
    """Everything the results page shows."""
    proposals = ranked_proposals(consultation)
    answers = latest_answers([p.id for p in proposals if p.answer_state])
    return {
        "proposals": proposals,
        "answers": answers,
        "totals": totals(consultation),
        "activity": activity(consultation),
        "categories": by_category(consultation),
        "eligible": [p for p in proposals if is_eligible(consultation, p)],
        "answer_counts": answer_counts(proposals),
    }
