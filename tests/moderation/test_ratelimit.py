"""Reports and appeals share the app's POST_RATE_LIMIT: a few accounts cannot flood the
moderators or hide anything by reporting it at machine speed; reading is never limited."""
from tests.factories import Factory


def test_the_fourth_report_in_a_minute_is_429(limited_app_with):
    app = limited_app_with(POST_RATE_LIMIT="3 per minute")
    make = Factory()
    consultation = make.consultation(phase="proposals")
    proposals = [make.proposal(consultation, make.user()) for _ in range(4)]
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = make.signed_in(make.user()).get_id(), True
    codes = [client.post(f"/moderation/report/proposal/{p.id}", data={"reason": "spam"}).status_code
             for p in proposals]
    assert codes == [302, 302, 302, 429]
    assert client.get(f"/moderation/report/proposal/{proposals[3].id}").status_code == 200
