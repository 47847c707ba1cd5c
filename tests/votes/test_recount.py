"""`flask recount-votes` finds and fixes tampered counters."""
from consult.extensions import db
from consult.votes.cli import recount_votes_command
from consult.votes.models import Participation


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
