"""Results of a consultation, computed with a bounded number of aggregate queries.

Nothing here says who voted for what: only totals per proposal, per category and per day.
"""
from typing import NamedTuple

from flask import current_app
from sqlalchemy import case, func, literal_column, select, union, union_all
from sqlalchemy.orm import joinedload

from ..auth.models import User
from ..comments.models import Comment
from ..consultations.models import Category
from ..core.kept import kept, kept_until
from ..core.localtime import period_index, platform_zone
from ..core.pagination import page_count
from ..extensions import db
from ..phases import phase_state, vote_over
from ..proposals.models import Proposal, ProposalAnswer
from . import periods
from .models import Vote

RESULT_STATUS = "published"
ANSWERS_PER_PAGE = 20  # official answers shown a page at a time, with their text
ELIGIBLE_PER_PAGE = 50
LICENCE = "Licence Ouverte / Etalab 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def score_order(consultation):
    """Ranking order: supports, or (for − against) then for, then oldest first."""
    if consultation.vote_mode == "for_against":
        return [(Proposal.votes_for - Proposal.votes_against).desc(), Proposal.votes_for.desc(),
                Proposal.created_at, Proposal.id]
    return [Proposal.votes_for.desc(), Proposal.created_at, Proposal.id]


def _published(consultation):
    return (Proposal.consultation_id == consultation.id, Proposal.status == RESULT_STATUS)


def _ranked(consultation, *where):
    """Published proposals of the consultation (and `where`), in ranking order."""
    return select(Proposal).where(*_published(consultation), *where).order_by(*score_order(consultation))


def ranked_proposals(consultation, offset, limit):
    """`limit` published proposals in ranking order from `offset` (a page of the ranking, its
    top ten), with author and category (one query)."""
    return db.session.scalars(_ranked(consultation).options(joinedload(Proposal.author), joinedload(Proposal.category))
                              .offset(offset).limit(limit)).all()


def ranking_rows(consultation):
    """The open-data columns of every published proposal, in ranking order, without loading
    a Proposal, an author or a category object per row (one query)."""
    return db.session.execute(
        select(Proposal.id, Proposal.title, Proposal.status, Proposal.votes_for, Proposal.votes_against, Proposal.votes_abstain,
               Proposal.comments_count, Proposal.answer_state, Proposal.created_at,
               User.name.label("author_name"), User.deleted_at.label("author_deleted_at"),
               Category.name.label("category_name"))
        .join(User, User.id == Proposal.author_id).outerjoin(Category, Category.id == Proposal.category_id)
        .where(*_published(consultation)).order_by(*score_order(consultation))
    ).all()


class RankedPage(NamedTuple):
    """A page of a list of proposals in ranking order: the page shown, how many there are, how
    many proposals in all, the page's proposals."""
    page: int
    pages: int
    total: int
    rows: list


def ranked_page(consultation, where, page, per_page):
    """The RankedPage `page` of the published proposals matching `where` (two queries, whatever
    their number)."""
    total = db.session.scalar(select(func.count(Proposal.id)).where(*_published(consultation), where))
    pages = page_count(total, per_page)
    page = min(page, pages)
    rows = db.session.scalars(_ranked(consultation, where).offset((page - 1) * per_page).limit(per_page)).all()
    return RankedPage(page, pages, total, rows)


def eligible_page(consultation, page, per_page):
    """ranked_page() of the proposals over the support threshold (nothing without a threshold)."""
    threshold = consultation.support_threshold or 0
    if threshold <= 0:
        return RankedPage(1, 1, 0, [])
    return ranked_page(consultation, Proposal.votes_for >= threshold, page, per_page)


def answer_counts(consultation):
    """{answer state: number of published proposals with it} (one query)."""
    return dict(db.session.execute(
        select(Proposal.answer_state, func.count(Proposal.id))
        .where(*_published(consultation), Proposal.answer_state.is_not(None)).group_by(Proposal.answer_state)).all())


def latest_answers(proposal_ids):
    """{proposal_id: newest ProposalAnswer} (one query)."""
    if not proposal_ids:
        return {}
    answers = {}
    rows = db.session.scalars(
        select(ProposalAnswer).where(ProposalAnswer.proposal_id.in_(proposal_ids))
        .options(joinedload(ProposalAnswer.document))
        .order_by(ProposalAnswer.proposal_id, ProposalAnswer.created_at.desc(), ProposalAnswer.id.desc())
    )
    for answer in rows:
        answers.setdefault(answer.proposal_id, answer)
    return answers


def totals(consultation):
    live = select(Proposal.id).where(*_published(consultation))
    split = db.session.execute(
        select(func.coalesce(func.sum(Proposal.votes_for), 0), func.coalesce(func.sum(Proposal.votes_against), 0),
               func.coalesce(func.sum(Proposal.votes_abstain), 0), func.count(Proposal.id))
        .where(*_published(consultation))
    ).one()
    voters = db.session.scalar(
        select(func.count(func.distinct(Vote.user_id))).where(Vote.proposal_id.in_(live))
    )
    comments = db.session.scalar(
        select(func.count(Comment.id)).where(Comment.proposal_id.in_(live), Comment.status == "published")
    )
    people = union(
        select(Vote.user_id.label("uid")).where(Vote.proposal_id.in_(live)),
        select(Proposal.author_id.label("uid")).where(*_published(consultation)),
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


ACTIVITY = ("votes", "proposals", "comments", "participants")


def _actions(consultation):
    """What people did in the consultation, as (kind, person, at): a vote on one of its
    published proposals (kind 0), a published proposal (1), a published comment on one (2)."""
    live = select(Proposal.id).where(*_published(consultation))
    return union_all(
        select(literal_column("0").label("kind"), Vote.user_id.label("person"), Vote.created_at.label("at"))
        .where(Vote.proposal_id.in_(live)),
        select(literal_column("1"), Proposal.author_id, Proposal.created_at).where(*_published(consultation)),
        select(literal_column("2"), Comment.author_id, Comment.created_at)
        .where(Comment.proposal_id.in_(live), Comment.status == "published"),
    ).subquery()


def activity(consultation):
    """Votes, proposals, comments and participants (people who did any of these, each
    counted once per period) per day of the platform's time zone — or per week (Mondays)
    over long periods. Two queries, whatever the number of votes: one finds the first and
    the last moment, the other counts per period."""
    actions = _actions(consultation)
    first, last = db.session.execute(select(func.min(actions.c.at), func.max(actions.c.at))).one()
    if first is None:
        return {"unit": "day", "rows": []}
    zone = platform_zone()
    unit, starts = periods.periods(first, last, zone)
    dated = select(period_index(actions.c.at, starts, zone).label("slot"),
                   actions.c.kind, actions.c.person).subquery()
    counts = [func.count(case((dated.c.kind == literal_column(str(kind)), literal_column("1"))))
              for kind in range(3)]
    found = {slot: tuple(int(n) for n in numbers) for slot, *numbers in db.session.execute(
        select(dated.c.slot, *counts, func.count(func.distinct(dated.c.person))).group_by(dated.c.slot))}
    return {"unit": unit, "rows": [dict(period=day, **dict(zip(ACTIVITY, found.get(i, (0, 0, 0, 0)))))
                                   for i, day in enumerate(starts)]}


def by_category(consultation):
    rows = db.session.execute(
        select(Proposal.category_id, func.count(Proposal.id), func.coalesce(func.sum(Proposal.votes_for), 0),
               func.coalesce(func.sum(Proposal.votes_against), 0),
               func.coalesce(func.sum(Proposal.votes_abstain), 0))
        .where(*_published(consultation))
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
    """A published proposal over the consultation's support threshold (a withdrawn or hidden
    one is not, whatever its count)."""
    threshold = consultation.support_threshold or 0
    return proposal.status == RESULT_STATUS and threshold > 0 and proposal.votes_for >= threshold


def provisional(consultation, now):
    """(whether the figures will still move, the vote phase not over yet or None): they move
    until the vote is over (phases.vote_over, the moment its results stand and nobody may
    withdraw a proposal any more) or the consultation ends."""
    moving = (consultation.status == "published" and phase_state(consultation, now) != "closed"
              and not vote_over(consultation, now))
    vote = next((p for p in consultation.phases if p.kind == "vote" and p.ends_at > now), None)
    return moving, vote


def _kept(kind, consultation, compute):
    return kept(kind, consultation.id, current_app.config.get("PUBLIC_CACHE_SECONDS", 0), lambda: compute(consultation))


def shared_totals(consultation):
    """The totals, whose queries read every vote of the consultation: the same for every reader
    and page, kept PUBLIC_CACHE_SECONDS per process (a few seconds old at most, as the page
    served to visitors)."""
    return _kept("results totals", consultation, totals)


def shared_activity(consultation):
    """The activity over time, kept as the totals are; apart from them, as the downloads show
    the totals only."""
    return _kept("results activity", consultation, activity)


def figures_kept_until(consultation):
    """When the oldest of the figures the page shows will be read again (a time.monotonic()
    moment), or None."""
    moments = [kept_until(kind, consultation.id) for kind in ("results totals", "results activity")]
    return min((m for m in moments if m is not None), default=None)


def compute(consultation, page=1, per_page=50, answers_page=1, eligible_number=1):
    """Everything the results page shows, with one page of the ranking, of the official answers
    and of the eligible proposals: no query loads every proposal of a consultation that has thousands."""
    counts, over_time = shared_totals(consultation), shared_activity(consultation)
    pages = page_count(counts["proposals"], per_page)
    page = min(page, pages)
    rows = ranked_proposals(consultation, (page - 1) * per_page, per_page)
    answers = ranked_page(consultation, Proposal.answer_state.is_not(None), answers_page, ANSWERS_PER_PAGE)
    eligible = eligible_page(consultation, eligible_number, ELIGIBLE_PER_PAGE)
    return {
        "count": counts["proposals"], "page": page, "pages": pages,
        "page_rows": list(enumerate(rows, start=(page - 1) * per_page + 1)),
        "top": rows[:10] if page == 1 else ranked_proposals(consultation, 0, 10),
        "answered": answers,
        "answers": latest_answers([p.id for p in answers.rows]),
        "totals": counts,
        "activity": over_time,
        "categories": by_category(consultation),
        "eligible": eligible,
        "answer_counts": answer_counts(consultation) if answers.total else {},
    }
