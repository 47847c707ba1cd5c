"""`flask recount-comments`: recompute each proposal's counter of published comments."""
from sqlalchemy import func, select, update

from ..cli import locked_batches, recount_command
from ..extensions import db
from ..proposals.models import Proposal
from .models import Comment


def recount(fix=True):
    """Compare the counters with the published comments; fix them; return the differences. The
    proposals are recounted by batches, their rows locked first (locked_batches): a comment posted
    or hidden meanwhile is in both the counter and the count, or in neither."""
    differences = []
    for rows in locked_batches(Proposal, (Proposal.comments_count,), fix):
        counted = dict(db.session.execute(
            select(Comment.proposal_id, func.count(Comment.id))
            .where(Comment.proposal_id.between(rows[0].id, rows[-1].id), Comment.status == "published")
            .group_by(Comment.proposal_id)).all())
        for pid, stored in rows:
            expected = int(counted.get(pid, 0))
            if stored != expected:
                differences.append(f"proposal {pid}: comments {stored} -> {expected}")
                if fix:
                    db.session.execute(update(Proposal).where(Proposal.id == pid).values(comments_count=expected)
                                       .execution_options(synchronize_session=False))
    return differences


recount_comments_command = recount_command(
    "recount-comments", recount,
    "Recompute the comment counters from the published comments; report and fix differences.",
    "All comment counters are exact.")
