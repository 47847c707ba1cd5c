"""Through the API, a decision on a reported item says which reports it has read (`seen_report`,
the `latest_report` the queue gave): one that does not is refused, nothing is recorded and no
reporter is told "no breach". An item nobody reported is decided without it."""
import pytest

from consult.extensions import db
from consult.moderation.models import ModerationAction, Report
from consult.notifications.models import Notification
from consult.proposals.models import Proposal

UNREAD = ("This item has open reports: send back as seen_report the latest_report the queue gave you, to say "
          "which you have read.")


@pytest.fixture
def reported(make, client, token_for):
    """A proposal of Agen reported as spam by a resident (one report does not hide it), and its moderator."""
    territory = make.territory(slug="agen", report_threshold=5)
    proposal = make.proposal(make.consultation(territory))
    reporter = make.user()
    sent = client.post("/api/v1/reports", headers=token_for(reporter),
                       json={"target_type": "proposal", "target_id": proposal.id, "reason": "spam"})
    assert sent.status_code == 201
    return proposal, reporter, make.member(make.user(), territory, "moderator")


def decide(client, headers, proposal, action="dismiss", **stamps):
    return client.post("/api/v1/moderation/actions", headers=headers,
                       json={"target_type": "proposal", "target_id": proposal.id, "action": action, **stamps})


def open_reports():
    return db.session.scalar(db.select(db.func.count(Report.id)).where(Report.status == "open"))


def outcomes_told(person):
    return db.session.scalar(db.select(db.func.count(Notification.id)).where(
        Notification.user_id == person.id, Notification.kind == "report_outcome"))


def test_a_dismissal_that_does_not_say_which_reports_it_read_is_refused(client, make, token_for, reported):
    proposal, reporter, moderator = reported
    headers = token_for(moderator)
    refused = decide(client, headers, proposal)
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {"seen_report": [UNREAD]}
    assert open_reports() == 1
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 0
    assert outcomes_told(reporter) == 0  # not told "no breach" by a client that never read the report

    waiting = make.proposal(proposal.consultation, status="pending")  # nobody reported it: no report to read
    assert decide(client, headers, waiting, action="approve").status_code == 201
    db.session.expire_all()
    assert db.session.get(Proposal, waiting.id).status == "published"

    items = client.get("/api/v1/moderation/queue", headers=headers).get_json()["items"]
    assert [(item["target_id"], item["reports"]) for item in items] == [(proposal.id, 1)]
    done = decide(client, headers, proposal, seen=items[0]["latest_decision"], seen_report=items[0]["latest_report"])
    assert done.status_code == 201 and done.get_json()["action"] == "dismiss"  # read, and decided knowingly
    assert open_reports() == 0
    assert outcomes_told(reporter) == 1


def test_the_refusal_is_in_the_request_language(client, token_for, reported):
    proposal, _reporter, moderator = reported
    refused = decide(client, {**token_for(moderator), "Accept-Language": "fr"}, proposal, action="warn",
                     explanation="Merci de rester courtois.", seen=0)
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {"seen_report": [
        "Cet élément a des signalements ouverts\u00a0: renvoyez dans seen_report le latest_report que la file "
        "vous a donné, pour dire lesquels vous avez lus."]}
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status == "published"
    assert open_reports() == 1


def test_a_hidden_item_is_not_restored_without_saying_which_reports_were_read(client, make, token_for, reported):
    proposal, reporter, moderator = reported
    proposal.consultation.territory.report_threshold = 2
    db.session.commit()
    assert client.post("/api/v1/reports", headers=token_for(make.user()),
                       json={"target_type": "proposal", "target_id": proposal.id, "reason": "hate"}).status_code == 201
    headers = token_for(moderator)
    restore = decide(client, headers, proposal, action="restore", explanation="Rien de contraire à la charte.")
    assert restore.status_code == 422 and "seen_report" in restore.get_json()["error"]["fields"]
    assert client.get(f"/api/v1/proposals/{proposal.id}").status_code == 404  # still hidden
    assert outcomes_told(reporter) == 0


def test_the_api_documents_that_a_decision_on_a_reported_item_says_which_reports_it_read(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert "Required when the item has open reports (422 without it)" in (
        schemas["ActionInput"]["properties"]["seen_report"]["description"])
