"""The API's moderation queue narrows to one territory or one consultation, as the queue's page
does; no filter shows a moderator what awaits a decision in a territory they do not moderate."""
from types import SimpleNamespace

import pytest

from consult.extensions import db
from consult.moderation.models import Report


def _report(item, territory, reporter, reason="spam"):
    db.session.add(Report(territory_id=territory.id, reporter_id=reporter.id, reason=reason,
                          target_type=type(item).__name__.lower(), target_id=item.id))
    db.session.commit()


@pytest.fixture
def places(make):
    """Agen (two consultations, the cycling one with a reported proposal, a comment awaiting approval
    and a reported comment; the park one with a proposal awaiting approval; a reported person) and
    Nérac (a reported proposal), both moderated by one moderator; Marmande moderated by another."""
    agen, nerac, marmande = (make.territory(slug=slug) for slug in ("agen", "nerac", "marmande"))
    cycling, park = make.consultation(agen), make.consultation(agen)
    reporter, author = make.user(), make.user()
    w = SimpleNamespace(agen=agen, nerac=nerac, marmande=marmande, cycling=cycling, park=park,
                        reported=make.proposal(cycling, author), pending=make.proposal(park, author, status="pending"),
                        person=author, elsewhere=make.proposal(make.consultation(nerac)),
                        hidden_away=make.proposal(make.consultation(marmande)),
                        marmande_draft=make.consultation(marmande, status="draft"))
    w.held = make.comment(w.reported, author, status="pending")
    w.comment = make.comment(w.reported, author)
    for item, territory in ((w.reported, agen), (w.comment, agen), (author, agen), (w.elsewhere, nerac),
                            (w.hidden_away, marmande)):
        _report(item, territory, reporter)
    w.moderator = make.member(make.member(make.user(), agen, "moderator"), nerac, "moderator")
    make.proposal(w.marmande_draft, status="pending")
    make.member(make.user(), marmande, "moderator")
    return w


@pytest.fixture
def queue(client, token_for, places):
    headers = token_for(places.moderator, "read")

    def _get(query):
        return client.get(f"/api/v1/moderation/queue?{query}", headers=headers)
    return _get


def listed(answer):
    assert answer.status_code == 200
    body = answer.get_json()
    return body["total"], {(item["territory"], item["target_type"], item["target_id"]) for item in body["items"]}


def test_the_queue_narrows_to_one_territory(queue, places):
    w = places
    assert listed(queue(""))[0] == 6
    assert listed(queue("territory=nerac")) == (1, {("nerac", "proposal", w.elsewhere.id)})
    assert listed(queue("territory=agen")) == (5, {
        ("agen", "proposal", w.reported.id), ("agen", "proposal", w.pending.id), ("agen", "comment", w.held.id),
        ("agen", "comment", w.comment.id), ("agen", "user", w.person.id)})
    assert listed(queue("territory=agen&waiting=pending&kind=comment")) == (1, {("agen", "comment", w.held.id)})


def test_the_queue_narrows_to_one_consultation(queue, places):
    w = places
    assert listed(queue(f"consultation={w.cycling.id}")) == (3, {
        ("agen", "proposal", w.reported.id), ("agen", "comment", w.held.id), ("agen", "comment", w.comment.id)})
    assert listed(queue(f"consultation={w.park.id}&territory=agen")) == (1, {("agen", "proposal", w.pending.id)})
    assert listed(queue(f"consultation={w.cycling.id}&waiting=reported&per_page=1"))[0] == 2


def test_an_unknown_territory_or_consultation_is_refused_next_to_its_field(queue, places):
    for query, name, message in (
            ("territory=atlantis", "territory", "There is no territory with this name."),
            ("consultation=999999", "consultation", "You moderate no consultation with this number."),
            ("consultation=0", "consultation", None),
            ("consultation=cycling", "consultation", None),
            (f"consultation={places.park.id}&territory=nerac", "consultation",
             "This consultation is not in the territory asked for.")):
        refused = queue(query)
        assert refused.status_code == 422, query
        fields = refused.get_json()["error"]["fields"]
        assert list(fields) == [name], query
        assert message is None or fields[name] == [message], query


def test_no_filter_shows_what_awaits_in_a_territory_one_does_not_moderate(queue, places):
    assert queue("territory=marmande").status_code == 403
    for consultation in (places.hidden_away.consultation, places.marmande_draft):
        refused = queue(f"consultation={consultation.id}")  # told as of a consultation that does not exist
        assert refused.status_code == 422
        assert refused.get_json()["error"]["fields"] == {
            "consultation": ["You moderate no consultation with this number."]}


def test_the_refusals_are_in_the_request_language(client, token_for, places):
    headers = {**token_for(places.moderator, "read"), "Accept-Language": "fr"}
    answer = client.get(f"/api/v1/moderation/queue?consultation={places.park.id}&territory=nerac", headers=headers)
    assert answer.get_json()["error"]["fields"] == {
        "consultation": ["Cette consultation n’appartient pas au territoire demandé."]}
    answer = client.get(f"/api/v1/moderation/queue?consultation={places.hidden_away.consultation.id}",
                        headers=headers)
    assert answer.get_json()["error"]["fields"] == {
        "consultation": ["Vous ne modérez aucune consultation portant ce numéro."]}


def test_the_api_documents_the_place_filters(client):
    parameters = client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/moderation/queue"]["get"]["parameters"]
    described = {p["name"]: p.get("description", "") for p in parameters}
    assert "slug" in described["territory"] and "consultation" in described["consultation"]
