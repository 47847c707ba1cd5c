"""`flask recount-comments` fixes a wrong counter, and leaves alone the comments posted while it runs."""
import pytest

from consult.comments.models import Comment
from consult.comments.services import post_comment
from consult.extensions import db
from consult.proposals.models import Proposal

from ..factories import Factory
from ..fixtures import cheap_passwords  # noqa: F401  (autouse: the authors made meanwhile, quickly)
from ..helpers import between_statements


def test_recount_comments_fixes_the_counter(app, make, debate):
    _, proposal, alice, bob = debate
    make.comment(proposal, bob)
    make.comment(proposal, alice, status="pending")  # the factory counts it: wrong on purpose
    make.comment(proposal, alice, status="deleted")
    result = app.test_cli_runner().invoke(args=["recount-comments"])
    assert result.exit_code == 0, result.output
    assert f"proposal {proposal.id}: comments 3 -> 1" in result.output
    db.session.expire_all()
    assert db.session.get(type(proposal), proposal.id).comments_count == 1
    again = app.test_cli_runner().invoke(args=["recount-comments"])
    assert "All comment counters are exact." in again.output


def test_comments_posted_while_the_recount_runs_are_neither_undone_nor_reported(app, debate, is_postgres):
    """The site takes comments while `flask recount-comments` runs, one after each of its
    statements (PostgreSQL; on SQLite the command holds the database): no false difference is
    reported, and the counter stays exact."""
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the comments cannot land in the middle of the command")
    _, proposal, _, _ = debate
    db.session.commit()

    def a_new_comment():
        post_comment(db.session.get(Proposal, proposal.id), Factory().user(), "Un avis posté pendant le recomptage.")

    runner = app.test_cli_runner()
    with between_statements(app, a_new_comment):
        checked = runner.invoke(args=["recount-comments", "--dry-run"])
        fixed = runner.invoke(args=["recount-comments"])
    assert checked.exit_code == 0 and "All comment counters are exact." in checked.output, checked.output
    assert fixed.exit_code == 0 and "All comment counters are exact." in fixed.output, fixed.output
    db.session.expire_all()
    published = db.session.scalar(db.select(db.func.count(Comment.id)).where(Comment.proposal_id == proposal.id))
    assert db.session.get(Proposal, proposal.id).comments_count == published > 2
