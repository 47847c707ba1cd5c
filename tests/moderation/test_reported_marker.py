"""The reporter sees on the proposal page that they reported it."""
from consult.moderation.models import Report
from consult.extensions import db


def test_proposal_page_says_you_reported_this(client, make, login):
    proposal = make.proposal(make.consultation(make.territory(report_threshold=5)))
    reporter = login(make.user())
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert f"/moderation/report/proposal/{proposal.id}" in page
    db.session.add(Report(territory_id=proposal.consultation.territory_id, reporter_id=reporter.id,
                          target_type="proposal", target_id=proposal.id, reason="spam"))
    db.session.commit()
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "You reported this" in page
    assert f"/moderation/report/proposal/{proposal.id}" not in page
