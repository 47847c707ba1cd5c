"""`flask recount-votes`: recompute the denormalised vote counters from the votes."""
from sqlalchemy import case, func, select, update

from ..cli import recount_command
from ..extensions import db
from ..proposals.models import Proposal
from .models import Participation, Vote


def recount(fix=True):
    """Compare the counters with the votes; fix them; return the list of differences."""
    differences = []
    counted = {
        pid: (int(f or 0), int(a or 0), int(s or 0))
        for pid, f, a, s in db.session.execute(
            select(Vote.proposal_id, func.sum(case((Vote.value == 1, 1), else_=0)),
                   func.sum(case((Vote.value == -1, 1), else_=0)),
                   func.sum(case((Vote.value == 0, 1), else_=0))).group_by(Vote.proposal_id))
    }
    for pid, f, a, s, score in db.session.execute(
            select(Proposal.id, Proposal.votes_for, Proposal.votes_against, Proposal.votes_abstain,
                   Proposal.votes_score).order_by(Proposal.id)):
        for_, against, abstain = counted.get(pid, (0, 0, 0))
        expected = (for_, against, abstain, for_ - against)
        if (f, a, s, score) != expected:
            differences.append(f"proposal {pid}: for/against/abstain {f}/{a}/{s} (score {score}) -> "
                               f"{for_}/{against}/{abstain} (score {expected[3]})")
            if fix:
                db.session.execute(update(Proposal).where(Proposal.id == pid).values(
                    votes_for=for_, votes_against=against, votes_abstain=abstain, votes_score=expected[3])
                    .execution_options(synchronize_session=False))
    used = {(u, c): int(n) for u, c, n in db.session.execute(
        select(Vote.user_id, Vote.consultation_id, func.count(Vote.id))
        .group_by(Vote.user_id, Vote.consultation_id))}
    seen = set()
    for pid, uid, cid, n in db.session.execute(
            select(Participation.id, Participation.user_id, Participation.consultation_id,
                   Participation.votes_used).order_by(Participation.id)):
        seen.add((uid, cid))
        expected = used.get((uid, cid), 0)
        if n != expected:
            differences.append(f"person {uid} in consultation {cid}: votes used {n} -> {expected}")
            if fix:
                db.session.execute(update(Participation).where(Participation.id == pid)
                                   .values(votes_used=expected).execution_options(synchronize_session=False))
    for (uid, cid), expected in sorted(used.items()):
        if (uid, cid) not in seen:
            differences.append(f"person {uid} in consultation {cid}: votes used (none) -> {expected}")
            if fix:
                db.session.add(Participation(user_id=uid, consultation_id=cid, votes_used=expected))
    return differences


recount_votes_command = recount_command(
    "recount-votes", recount,
    "Recompute vote counters and votes used from the votes; report and fix differences.",
    "All counters are exact.")
