from consult.extensions import db


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
