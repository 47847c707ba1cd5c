"""`flask recount-votes`: recompute the denormalised vote counters from the votes."""
from sqlalchemy import and_, case, exists, func, select, update

from ..cli import locked_batches, recount_command
from ..extensions import db
from ..proposals.models import Proposal
from .models import Participation, Vote


def recount(fix=True):
    """Compare the counters with the votes; fix them; return the list of differences. The
    proposals, then the participations, are recounted by batches, their rows locked first
    (locked_batches; a vote locks the person's participation, then the proposal's counters): a
    vote cast or withdrawn meanwhile is in both the counters and the count, or in neither."""
    differences = []
    for rows in locked_batches(Proposal, (Proposal.votes_for, Proposal.votes_against, Proposal.votes_abstain,
                                          Proposal.votes_score), fix):
        counted = {
            pid: (int(f or 0), int(a or 0), int(s or 0))
            for pid, f, a, s in db.session.execute(
                select(Vote.proposal_id, func.sum(case((Vote.value == 1, 1), else_=0)),
                       func.sum(case((Vote.value == -1, 1), else_=0)),
                       func.sum(case((Vote.value == 0, 1), else_=0)))
                .where(Vote.proposal_id.between(rows[0].id, rows[-1].id)).group_by(Vote.proposal_id))
        }
        for pid, f, a, s, score in rows:
            for_, against, abstain = counted.get(pid, (0, 0, 0))
            expected = (for_, against, abstain, for_ - against)
            if (f, a, s, score) != expected:
                differences.append(f"proposal {pid}: for/against/abstain {f}/{a}/{s} (score {score}) -> "
                                   f"{for_}/{against}/{abstain} (score {expected[3]})")
                if fix:
                    db.session.execute(update(Proposal).where(Proposal.id == pid).values(
                        votes_for=for_, votes_against=against, votes_abstain=abstain, votes_score=expected[3])
                        .execution_options(synchronize_session=False))
    theirs = and_(Vote.user_id == Participation.user_id, Vote.consultation_id == Participation.consultation_id)
    for rows in locked_batches(Participation, (Participation.user_id, Participation.consultation_id,
                                               Participation.votes_used), fix):
        used = dict(db.session.execute(
            select(Participation.id, func.count(Vote.id)).outerjoin(Vote, theirs)
            .where(Participation.id.between(rows[0].id, rows[-1].id)).group_by(Participation.id)).all())
        for pid, uid, cid, n in rows:
            expected = used[pid]
            if n != expected:
                differences.append(f"person {uid} in consultation {cid}: votes used {n} -> {expected}")
                if fix:
                    db.session.execute(update(Participation).where(Participation.id == pid)
                                       .values(votes_used=expected).execution_options(synchronize_session=False))
    # Votes without a participation (a vote creates it first, in the same transaction): one read.
    for uid, cid, expected in db.session.execute(
            select(Vote.user_id, Vote.consultation_id, func.count(Vote.id)).where(~exists().where(theirs))
            .group_by(Vote.user_id, Vote.consultation_id).order_by(Vote.user_id, Vote.consultation_id)):
        differences.append(f"person {uid} in consultation {cid}: votes used (none) -> {expected}")
        if fix:
            db.session.add(Participation(user_id=uid, consultation_id=cid, votes_used=expected))
    return differences


recount_votes_command = recount_command(
    "recount-votes", recount,
    "Recompute vote counters and votes used from the votes; report and fix differences.",
    "All counters are exact.")
