"""`flask recount-comments`: recompute each proposal's counter of published comments."""
import click
from flask.cli import with_appcontext
from sqlalchemy import func, select, update

from ..extensions import db
from ..proposals.models import Proposal
from .models import Comment


def recount(fix=True):
    """Compare the counters with the published comments; fix them; return the differences."""
    counted = dict(db.session.execute(
        select(Comment.proposal_id, func.count(Comment.id))
        .where(Comment.status == "published").group_by(Comment.proposal_id)).all())
    differences = []
    for pid, stored in db.session.execute(select(Proposal.id, Proposal.comments_count).order_by(Proposal.id)):
        expected = int(counted.get(pid, 0))
        if stored != expected:
            differences.append(f"proposal {pid}: comments {stored} -> {expected}")
            if fix:
                db.session.execute(update(Proposal).where(Proposal.id == pid).values(comments_count=expected)
                                   .execution_options(synchronize_session=False))
    return differences


@click.command("recount-comments")
@click.option("--dry-run", is_flag=True, help="Only report the differences.")
@with_appcontext
def recount_comments_command(dry_run):
    """Recompute the comment counters from the published comments; report and fix differences."""
    differences = recount(fix=not dry_run)
    for line in differences:
        click.echo(line)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    if not differences:
        click.echo("All comment counters are exact.")
    else:
        click.echo(f"{len(differences)} difference(s) {'found' if dry_run else 'fixed'}.")
