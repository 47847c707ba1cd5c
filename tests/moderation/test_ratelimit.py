"""Reports and appeals share the app's POST_RATE_LIMIT: a few accounts cannot flood the
moderators or hide anything by reporting it at machine speed; reading is never limited."""
import re

import pytest

from consult.extensions import db
from consult.moderation.models import Report
from tests.factories import Factory


@pytest.fixture
def reporter(limited_app_with):
    """A signed-in client of an app with a post limit of 3 a minute, and 4 proposals to report."""
    app = limited_app_with(POST_RATE_LIMIT="3 per minute")
    make = Factory()
    consultation = make.consultation(phase="proposals")
    proposals = [make.proposal(consultation, make.user()) for _ in range(4)]
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = make.signed_in(make.user()).get_id(), True
    return client, [f"/moderation/report/proposal/{p.id}" for p in proposals]


def test_the_fourth_report_in_a_minute_is_429(reporter):
    client, urls = reporter
    codes = [client.post(url, data={"reason": "spam"}).status_code for url in urls]
    assert codes == [302, 302, 302, 429]
    assert client.get(urls[3]).status_code == 200


def test_a_report_refused_over_the_limit_keeps_its_details(reporter):
    client, urls = reporter
    for url in urls[:3]:
        client.post(url, data={"reason": "spam"})
    response = client.post(urls[3], data={"reason": "off_topic", "details": "Publicité pour un garage, sans rapport."})
    assert response.status_code == 429
    assert "What you wrote is kept below: you may send it in 1 minute." in response.text
    assert "Publicité pour un garage, sans rapport.</textarea>" in response.text
    assert re.search(r'<input checked[^>]*value="off_topic"', response.text)
    assert db.session.scalar(db.select(db.func.count(Report.id))) == 3


def test_over_the_limit_a_page_without_the_form_does_not_speak_of_it(reporter):
    client, urls = reporter
    for url in urls[:3]:
        client.post(url, data={"reason": "spam"})
    again = client.post(urls[0], data={"reason": "spam"})  # reported already: its own answer
    assert again.status_code == 409 and "kept below" not in again.text
    assert "kept below" not in client.get(urls[3]).text  # nor the next page
