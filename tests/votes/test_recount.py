"""`flask recount-votes` finds and fixes tampered counters, and leaves alone the votes cast while it runs."""
import pytest

from consult.database import utcnow
from consult.extensions import db
from consult.proposals.models import Proposal
from consult.votes.cli import recount_votes_command
from consult.votes.models import Participation
from consult.votes.services import cast_vote

from ..factories import Factory
from ..fixtures import cheap_passwords  # noqa: F401  (autouse: the voters made meanwhile, quickly)
from ..helpers import between_statements


def test_recount_fixes_tampered_counters(app, client, login, vote_setup, counts, used):
    consultation, proposal, voter = vote_setup(vote_mode="for_against", max_votes=5)
    login(voter)
    client.post(f"/proposals/{proposal.id}/vote", data={"value": "-1"})
    db.session.refresh(proposal)
    proposal.votes_for = 7
    proposal.votes_against = 0
    proposal.votes_score = 7
    db.session.execute(db.update(Participation).values(votes_used=4))
    db.session.commit()

    runner = app.test_cli_runner()
    result = runner.invoke(recount_votes_command, ["--dry-run"])
    assert result.exit_code == 1  # a monitoring script learns that something is wrong
    assert f"proposal {proposal.id}: for/against/abstain 7/0/0 (score 7) -> 0/1/0 (score -1)" in result.output
    assert counts(proposal) == (7, 0, 0, 1)

    result = runner.invoke(recount_votes_command)
    assert result.exit_code == 0 and "2 difference(s) fixed." in result.output
    assert counts(proposal) == (0, 1, 0, 1)
    assert db.session.get(type(proposal), proposal.id).votes_score == -1
    assert used(voter, consultation) == 1
    assert "All counters are exact." in runner.invoke(recount_votes_command).output


def test_votes_cast_while_the_recount_runs_are_neither_undone_nor_reported(app, make, counts, is_postgres):
    """The site takes votes while `flask recount-votes` runs, one after each of its statements
    (PostgreSQL; on SQLite the command holds the database): each is in both the counters and the
    count, or in neither. No false difference is reported, and no exact counter is made wrong."""
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the votes cannot land in the middle of the command")
    proposal = make.proposal(make.consultation(phase="vote"))
    db.session.commit()

    def a_new_voter_votes():
        cast_vote(Factory().user(), db.session.get(Proposal, proposal.id), 1, utcnow())

    runner = app.test_cli_runner()
    with between_statements(app, a_new_voter_votes):
        checked = runner.invoke(recount_votes_command, ["--dry-run"])
        fixed = runner.invoke(recount_votes_command)
    assert checked.exit_code == 0 and "All counters are exact." in checked.output, checked.output
    assert fixed.exit_code == 0 and "All counters are exact." in fixed.output, fixed.output
    votes_for, _, _, rows = counts(proposal)
    assert rows > 2 and votes_for == rows
    assert "All counters are exact." in runner.invoke(recount_votes_command, ["--dry-run"]).output  # votes used too
