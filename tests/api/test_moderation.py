"""Reports, queue, decisions and the audit log through the API."""
import pytest

from consult.extensions import db
from consult.moderation.models import ModerationAction, Report


@pytest.fixture
def world(make):
    territory = make.territory(slug="agen", report_threshold=2)
    proposal = make.proposal(make.consultation(territory))
    moderator = make.member(make.user(), territory, "moderator")
    admin = make.member(make.user(), territory, "admin")
    return territory, proposal, moderator, admin


def report(client, headers, proposal, reason="spam"):
    return client.post("/api/v1/reports", json={"target_type": "proposal", "target_id": proposal.id,
                                                "reason": reason}, headers=headers)


def test_report_once_then_409(client, make, world, token_for):
    _t, proposal, _m, _a = world
    headers = token_for(make.user())
    assert report(client, headers, proposal).status_code == 201
    assert report(client, headers, proposal).status_code == 409
    assert db.session.scalar(db.select(db.func.count(Report.id))) == 1
    assert report(client, {}, proposal).status_code == 401
    bad = client.post("/api/v1/reports", json={"target_type": "proposal", "target_id": proposal.id,
                                               "reason": "boring"}, headers=headers)
    assert bad.status_code == 422 and "reason" in bad.get_json()["error"]["fields"]


def test_a_person_is_reported_once_in_each_territory(client, make, world, token_for):
    territory, proposal, _m, _a = world
    elsewhere = make.territory(slug="nerac")
    make.proposal(make.consultation(elsewhere), proposal.author)  # the author took part in both
    headers = token_for(make.user())

    def report_author(slug):
        return client.post("/api/v1/reports", headers=headers, json={
            "target_type": "user", "target_id": proposal.author.id, "territory": slug, "reason": "harassment"})

    assert report_author(territory.slug).status_code == 201
    assert report_author("nerac").status_code == 201
    assert report_author("nerac").status_code == 409
    queue = client.get("/api/v1/moderation/queue",
                       headers=token_for(make.member(make.user(), elsewhere, "moderator"), "read")).get_json()
    assert [(item["territory"], item["target_type"]) for item in queue["items"]] == [("nerac", "user")]


def test_nobody_reports_their_own_proposal_or_an_unseen_one(client, make, world, token_for):
    _t, proposal, _m, _a = world
    own = report(client, token_for(proposal.author), proposal)
    assert own.status_code == 403
    assert "your own" in own.get_json()["error"]["message"]
    hidden = make.proposal(proposal.consultation, status="hidden")
    assert report(client, token_for(make.user()), hidden).status_code == 404
    assert db.session.scalar(db.select(db.func.count(Report.id))) == 0


def test_threshold_hides_then_queue_decision_and_log(client, make, world, token_for):
    _t, proposal, moderator, admin = world
    for _ in range(2):
        report(client, token_for(make.user()), proposal)
    assert client.get(f"/api/v1/proposals/{proposal.id}").status_code == 404
    queue = client.get("/api/v1/moderation/queue", headers=token_for(moderator, "read")).get_json()
    assert queue["total"] == 1 and queue["items"][0]["reports"] == 2
    missing = client.post("/api/v1/moderation/actions", headers=token_for(moderator),
                          json={"target_type": "proposal", "target_id": proposal.id, "action": "hide"})
    assert missing.status_code == 422 and {"reason", "explanation"} <= set(missing.get_json()["error"]["fields"])
    done = client.post("/api/v1/moderation/actions", headers=token_for(moderator),
                       json={"target_type": "proposal", "target_id": proposal.id, "action": "restore",
                             "explanation": "Pas de spam ici.", "seen_report": queue["items"][0]["latest_report"]})
    assert done.status_code == 201 and done.get_json()["action"] == "restore"
    assert client.get(f"/api/v1/proposals/{proposal.id}").status_code == 200
    log = client.get("/api/v1/moderation/log", headers=token_for(admin, "read")).get_json()
    assert [row["action"] for row in log["items"]] == ["restore", "auto_hide"]
    assert client.get("/api/v1/moderation/log", headers=token_for(moderator, "read")).status_code == 403


def test_moderation_refusals(client, make, world, token_for):
    territory, proposal, moderator, _a = world
    outsider = make.member(make.user(), make.territory(), "moderator")
    act = {"target_type": "proposal", "target_id": proposal.id, "action": "hide", "reason": "spam",
           "explanation": "Publicité."}
    elsewhere = client.post("/api/v1/moderation/actions", json=act, headers=token_for(outsider))
    assert elsewhere.status_code == 403
    assert elsewhere.get_json()["error"]["message"] == "You do not moderate this territory."
    assert client.get("/api/v1/moderation/queue", headers=token_for(make.user())).status_code == 403
    own = make.proposal(proposal.consultation, moderator)
    mine = client.post("/api/v1/moderation/actions", headers=token_for(moderator), json={**act, "target_id": own.id})
    assert mine.status_code == 403
    assert mine.get_json()["error"]["message"] == "Nobody moderates their own contributions."
    staff = make.member(make.user(), make.territory(), "moderator")
    make.proposal(proposal.consultation, staff)  # took part in the territory
    block = {"target_type": "user", "target_id": staff.id, "territory": territory.slug, "action": "block",
             "reason": "harassment", "explanation": "Insultes.", "for_good": True}
    refused = client.post("/api/v1/moderation/actions", headers=token_for(moderator), json=block)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["message"] == "Only a platform administrator may block a member of staff."
    assert client.post("/api/v1/moderation/actions", headers=token_for(moderator),
                       json={**act, "action": "approve"}).status_code == 409
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 0


def test_decision_requirements_are_the_back_office_ones(client, make, world, token_for):
    territory, proposal, moderator, _a = world
    headers = token_for(moderator)
    block = client.post("/api/v1/moderation/actions", headers=headers,
                        json={"target_type": "proposal", "target_id": proposal.id, "action": "block"})
    assert block.status_code == 422
    assert block.get_json()["error"]["fields"] == {
        "reason": ["Choose the rule of the charter this decision applies."],
        "explanation": ["Explain your decision to the author."],
        "days": ["Give a number of days, or block for good."],
    }
    person = make.user()
    make.proposal(proposal.consultation, person)  # took part in the territory
    approve = client.post("/api/v1/moderation/actions", headers=headers,
                          json={"target_type": "user", "target_id": person.id, "action": "approve",
                                "territory": territory.slug})
    assert approve.status_code == 409
    assert approve.get_json()["error"]["message"] == "This action applies to proposals and comments only."
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 0


def test_a_moderator_approves_a_proposal_of_a_draft_consultation_as_on_the_site(client, make, world, token_for):
    """The queue lists what awaits approval in a consultation put back to draft: the decision
    is the moderator's, there as on the site, though the public cannot read the consultation."""
    territory, _proposal, moderator, _a = world
    draft = make.consultation(territory, status="draft")
    waiting = make.proposal(draft, status="pending")
    queue = client.get("/api/v1/moderation/queue", headers=token_for(moderator, "read")).get_json()
    assert {(item["target_type"], item["target_id"]) for item in queue["items"]} == {("proposal", waiting.id)}
    approve = {"target_type": "proposal", "target_id": waiting.id, "action": "approve"}
    outsider = make.member(make.user(), make.territory(), "moderator")
    assert client.post("/api/v1/moderation/actions", json=approve, headers=token_for(outsider)).status_code == 403
    done = client.post("/api/v1/moderation/actions", json=approve, headers=token_for(moderator))
    assert done.status_code == 201
    db.session.expire_all()
    assert db.session.get(type(waiting), waiting.id).status == "published"
    assert report(client, token_for(make.user()), waiting).status_code == 404  # the public does not see it


def test_an_item_awaiting_moderation_is_not_hidden_as_on_the_site(client, make, world, token_for):
    _t, proposal, moderator, _a = world
    waiting = make.proposal(proposal.consultation, status="pending")
    hide = client.post("/api/v1/moderation/actions", headers=token_for(moderator),
                       json={"target_type": "proposal", "target_id": waiting.id, "action": "hide",
                             "reason": "spam", "explanation": "Publicité."})
    assert hide.status_code == 409
    assert hide.get_json()["error"]["message"] == "This contribution awaits moderation: approve or reject it."
    db.session.expire_all()
    assert db.session.get(type(waiting), waiting.id).status == "pending"


def test_two_clients_deciding_from_the_same_queue_record_one_decision(client, make, world, token_for):
    """Each sends back the `latest_decision` its queue gave as `seen`: the second is told what
    the first decided, and nothing more is recorded (without `seen`, a client decides blind)."""
    _t, proposal, moderator, _a = world
    report(client, token_for(make.user()), proposal)
    first, second = token_for(moderator), token_for(make.member(make.user(), world[0], "moderator"))
    [item] = client.get("/api/v1/moderation/queue", headers=first).get_json()["items"]
    assert item["latest_decision"] == 0
    warning = {"target_type": "proposal", "target_id": proposal.id, "action": "warn",
               "explanation": "Merci de rester courtois.", "seen": item["latest_decision"],
               "seen_report": item["latest_report"]}
    assert client.post("/api/v1/moderation/actions", json=warning, headers=first).status_code == 201
    late = client.post("/api/v1/moderation/actions", json=warning, headers=second)
    assert late.status_code == 409 and "recorded a decision on this item on" in late.get_json()["error"]["message"]
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 1
    latest = db.session.scalar(db.select(db.func.max(ModerationAction.id)))
    assert client.post("/api/v1/moderation/actions", json={**warning, "seen": latest},
                       headers=second).status_code == 201  # decided knowingly


def test_a_decision_from_a_queue_read_before_a_new_report_is_refused(client, make, world, token_for):
    """The queue gives each item's `latest_report`: sent back as `seen_report`, a dismissal taken
    before a newer report was read is refused, and nobody who reported is told "no breach"."""
    territory, proposal, moderator, _a = world
    territory.report_threshold = 5  # two reports leave it shown
    db.session.commit()
    headers = token_for(moderator)
    report(client, token_for(make.user()), proposal)
    [item] = client.get("/api/v1/moderation/queue", headers=headers).get_json()["items"]
    assert item["latest_report"] == db.session.scalar(db.select(Report.id))
    report(client, token_for(make.user()), proposal, reason="harassment")
    dismissal = {"target_type": "proposal", "target_id": proposal.id, "action": "dismiss",
                 "seen": item["latest_decision"], "seen_report": item["latest_report"]}
    late = client.post("/api/v1/moderation/actions", json=dismissal, headers=headers)
    assert late.status_code == 409
    assert late.get_json()["error"]["message"] == (
        "A new report was sent on this item after you opened it (Insult or harassment). Your decision was not "
        "recorded: read the report, then decide again if needed.")
    assert db.session.scalar(db.select(db.func.count(Report.id)).where(Report.status == "open")) == 2
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 0

    [item] = client.get("/api/v1/moderation/queue", headers=headers).get_json()["items"]
    assert item["reports"] == 2 and item["reasons"] == ["harassment", "spam"]
    decided = client.post("/api/v1/moderation/actions", headers=headers,
                          json={**dismissal, "seen_report": item["latest_report"]})
    assert decided.status_code == 201  # read, and decided knowingly
    assert db.session.scalar(db.select(db.func.count(Report.id)).where(Report.status == "open")) == 0


def test_the_api_documents_the_reports_a_decision_has_seen(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert "send it back as `seen_report`" in schemas["QueueItem"]["properties"]["latest_report"]["description"]
    assert "latest_report" in schemas["ActionInput"]["properties"]["seen_report"]["description"]
