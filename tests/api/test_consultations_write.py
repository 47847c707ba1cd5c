"""Territory admins create and run consultations through the API."""
import pytest

from consult.consultations.models import Consultation
from consult.extensions import db

NEW = {
    "territory": "agen",
    "title": {"fr": "Plan vélo 2027", "en": "Cycling plan 2027"},
    "summary": {"fr": "Où faut-il des pistes ?"},
    "description": {"fr": "La ville prépare son plan vélo."},
    "themes": ["mobility"],
    "phases": [{"kind": "proposals", "starts_at": "2027-01-01T00:00:00", "ends_at": "2027-02-01T00:00:00"},
               {"kind": "vote", "starts_at": "2027-02-01T00:00:00", "ends_at": "2027-03-01T00:00:00"}],
    "categories": [{"fr": "Pistes", "en": "Lanes"}, {"fr": "Stationnement"}],
    "vote_mode": "for_against", "max_votes": 5,
}


def test_admin_creates_a_draft_then_publishes(client, make, token_for):
    territory = make.territory(slug="agen")
    admin = make.member(make.user(), territory, "admin")
    response = client.post("/api/v1/consultations", json=NEW, headers=token_for(admin))
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "draft" and body["territory"] == "agen" and body["max_votes"] == 5
    assert [c["names"] for c in body["categories"]] == NEW["categories"]
    assert [p["kind"] for p in body["phases"]] == ["proposals", "vote"]
    assert client.get(f"/api/v1/consultations/{body['id']}").status_code == 404
    published = client.patch(f"/api/v1/consultations/{body['id']}", json={"status": "published"},
                             headers=token_for(admin))
    assert published.get_json()["status"] == "published"
    assert client.get(f"/api/v1/consultations/{body['id']}").status_code == 200


def test_refusals_and_bad_timelines(client, make, token_for):
    territory = make.territory(slug="agen")
    admin = make.member(make.user(), territory, "admin")
    other = make.member(make.user(), make.territory(), "admin")
    assert client.post("/api/v1/consultations", json=NEW).status_code == 401
    assert client.post("/api/v1/consultations", json=NEW, headers=token_for(other)).status_code == 403
    assert client.post("/api/v1/consultations", json=NEW, headers=token_for(make.user())).status_code == 403
    overlapping = {**NEW, "phases": [
        {"kind": "proposals", "starts_at": "2027-01-01T00:00:00", "ends_at": "2027-02-15T00:00:00"},
        {"kind": "vote", "starts_at": "2027-02-01T00:00:00", "ends_at": "2027-03-01T00:00:00"}]}
    response = client.post("/api/v1/consultations", json=overlapping, headers=token_for(admin))
    assert response.status_code == 422 and "phases" in response.get_json()["error"]["fields"]
    no_french = {**NEW, "title": {"en": "Only English"}}
    response = client.post("/api/v1/consultations", json=no_french, headers=token_for(admin))
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"title": {"fr": ["The French title is required."]}}
    twice = {**NEW, "phases": NEW["phases"] + NEW["phases"][:1]}
    response = client.post("/api/v1/consultations", json=twice, headers=token_for(admin))
    assert response.get_json()["error"]["fields"] == {"phases": {"_schema": ["Each phase may appear once."]}}
    assert db.session.scalar(db.select(db.func.count(Consultation.id))) == 0
    existing = make.consultation(territory)
    assert client.patch(f"/api/v1/consultations/{existing.id}", json={"max_votes": 3},
                        headers=token_for(other)).status_code == 403


def test_the_back_office_rules_apply_to_the_api(client, make, token_for):
    territory = make.territory(slug="agen")
    headers = token_for(make.member(make.user(), territory, "admin"))
    overlapping = [
        {"kind": "proposals", "starts_at": "2027-01-01T00:00:00", "ends_at": "2027-02-15T00:00:00"},
        {"kind": "vote", "starts_at": "2027-02-01T00:00:00", "ends_at": "2027-01-20T00:00:00"}]
    body = {**NEW, "title": {"fr": "T" * 151}, "phases": overlapping,
            "categories": [{"fr": "Pistes"}, {"fr": "pistes", "en": "Lanes"}]}
    response = client.post("/api/v1/consultations", json=body, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "title": {"fr": ["At most 150 characters."]},
        "phases": {"1": {"ends_at": ["The end must come after the start."],
                         "starts_at": ["This phase must start after the end of the “Proposals” phase."]}},
        "categories": ["The category “pistes” is listed twice."],
    }
    assert db.session.scalar(db.select(db.func.count(Consultation.id))) == 0


def test_a_patch_changes_only_what_it_names(client, make, token_for):
    territory = make.territory(slug="agen")
    headers = token_for(make.member(make.user(), territory, "admin"))
    created = client.post("/api/v1/consultations", json=NEW, headers=headers).get_json()
    lanes = db.session.get(Consultation, created["id"]).categories[0]
    response = client.patch(f"/api/v1/consultations/{created['id']}", headers=headers,
                            json={"summary": {"fr": "  Nouveau résumé  "}, "categories": [{"fr": "Pistes"}]})
    assert response.status_code == 200
    body = response.get_json()
    assert body["texts"]["title"] == NEW["title"] and body["texts"]["summary"] == {"fr": "Nouveau résumé"}
    assert [p["kind"] for p in body["phases"]] == ["proposals", "vote"] and body["max_votes"] == 5
    db.session.expire_all()
    consultation = db.session.get(Consultation, created["id"])
    assert [(c.id, c.name) for c in consultation.categories] == [(lanes.id, {"fr": "Pistes"})]


def test_dates_go_back_as_they_came(client, make, token_for):
    """The dates the API writes ("…Z") are read back; another offset is turned into UTC."""
    territory = make.territory(slug="agen")
    admin = make.member(make.user(), territory, "admin")
    created = client.post("/api/v1/consultations", json=NEW, headers=token_for(admin)).get_json()
    phases = [{k: p[k] for k in ("kind", "starts_at", "ends_at")} for p in created["phases"]]
    assert phases[0]["starts_at"] == "2027-01-01T00:00:00Z"
    same = client.patch(f"/api/v1/consultations/{created['id']}", json={"phases": phases}, headers=token_for(admin))
    assert same.status_code == 200 and same.get_json()["phases"] == created["phases"]
    phases[1]["ends_at"] = "2027-03-01T02:00:00+02:00"  # midnight UTC
    moved = client.patch(f"/api/v1/consultations/{created['id']}", json={"phases": phases}, headers=token_for(admin))
    assert moved.status_code == 200 and moved.get_json()["phases"][1]["ends_at"] == "2027-03-01T00:00:00Z"


def test_removing_a_category_that_proposals_use_is_refused_until_confirmed(client, make, token_for):
    territory = make.territory(slug="agen")
    headers = token_for(make.member(make.user(), territory, "admin"))
    consultation = make.consultation(territory)
    lanes, parks = make.category(consultation, "Pistes", "Lanes"), make.category(consultation, "Parcs", "Parks")
    proposals = [make.proposal(consultation, category_id=lanes.id) for _ in range(2)]
    url, only_parks = f"/api/v1/consultations/{consultation.id}", {"categories": [{"fr": "Parcs", "en": "Parks"}]}

    refused = client.patch(url, headers=headers, json=only_parks)
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {"categories": [
        "These categories would be removed, and their proposals would lose their category: “Pistes” (2 proposals). "
        "To remove them anyway, send \"remove_used_categories\": true with the categories. To rename a category "
        "instead, give its new name at its place in the list, without moving, adding or removing categories."]}
    db.session.expire_all()
    assert [c.id for c in db.session.get(Consultation, consultation.id).categories] == [lanes.id, parks.id]

    confirmed = client.patch(url, headers=headers, json={**only_parks, "remove_used_categories": True})
    assert confirmed.status_code == 200
    db.session.expire_all()
    assert [c.id for c in db.session.get(Consultation, consultation.id).categories] == [parks.id]
    assert [db.session.get(type(p), p.id).category_id for p in proposals] == [None, None]


def test_the_confirmation_is_documented(client):
    patch = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["ConsultationPatch"]
    confirmation = patch["properties"]["remove_used_categories"]
    assert confirmation["type"] == "boolean" and confirmation["default"] is False
    assert "422" in confirmation["description"]


def test_the_vote_phase_of_votes_cast_stays_said_under_phases(client, make, token_for):
    from consult.database import utcnow
    from consult.votes.services import cast_vote

    territory = make.territory(slug="agen")
    consultation = make.consultation(territory, phase="vote")
    cast_vote(make.user(), make.proposal(consultation), 1, utcnow())
    db.session.commit()
    timeline = [phase.kind for phase in consultation.phases]
    headers = token_for(make.member(make.user(), territory, "admin"))
    for phases in ([], [{"kind": "information", "starts_at": "2020-01-01T00:00:00", "ends_at": "2020-02-01T00:00:00"}]):
        response = client.patch(f"/api/v1/consultations/{consultation.id}", json={"phases": phases}, headers=headers)
        assert response.status_code == 422
        assert response.get_json()["error"]["fields"] == {
            "phases": {"_schema": ["Votes are already cast: the vote phase can no longer be removed."]}}
    db.session.expire_all()
    assert [phase.kind for phase in db.session.get(Consultation, consultation.id).phases] == timeline


def test_a_date_that_utc_cannot_hold_is_not_valid(client, make, token_for):
    territory = make.territory(slug="agen")
    consultation = make.consultation(territory)
    headers = token_for(make.member(make.user(), territory, "admin"))
    for starts_at, ends_at in (("0001-01-01T00:00:00+01:00", "2027-01-01T00:00:00"),
                               ("2027-01-01T00:00:00", "9999-12-31T23:00:00-05:00")):
        phases = [{"kind": "information", "starts_at": starts_at, "ends_at": ends_at}]
        response = client.patch(f"/api/v1/consultations/{consultation.id}", json={"phases": phases}, headers=headers)
        assert response.status_code == 422
        wrong = "starts_at" if starts_at.startswith("0001") else "ends_at"
        assert response.get_json()["error"]["fields"] == {"phases": {"0": {wrong: ["Not a valid datetime."]}}}


def test_a_date_far_off_is_refused_as_the_back_office_refuses_it(client, make, token_for):
    """Accepted, the year 9999 broke the consultation's page and its edit form (500)."""
    territory = make.territory(slug="agen")
    consultation = make.consultation(territory)
    headers = token_for(make.member(make.user(), territory, "admin"))
    phases = [{"kind": "proposals", "starts_at": "2026-01-01T00:00:00Z", "ends_at": "9999-12-31T23:30:00Z"}]
    response = client.patch(f"/api/v1/consultations/{consultation.id}", json={"phases": phases}, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "phases": {"0": {"ends_at": ["Give a date between the years 2000 and 2100."]}}}
    assert client.get(f"/consultations/{consultation.id}").status_code == 200


def test_a_patch_of_one_language_keeps_the_other(client, make, token_for):
    """Sending the English summary alone erased the French one, which the back office then
    required at every save."""
    territory = make.territory(slug="agen")
    headers = token_for(make.member(make.user(), territory, "admin"))
    created = client.post("/api/v1/consultations", json=NEW, headers=headers).get_json()
    url = f"/api/v1/consultations/{created['id']}"
    response = client.patch(url, json={"summary": {"en": "Where are lanes needed?"}}, headers=headers)
    assert response.status_code == 200
    assert response.get_json()["texts"]["summary"] == {
        "fr": "Où faut-il des pistes ?", "en": "Where are lanes needed?"}
    response = client.patch(url, json={"title": {"en": ""}}, headers=headers)
    assert response.get_json()["texts"]["title"] == {"fr": "Plan vélo 2027"}
    response = client.patch(url, json={"description": {"fr": " ", "en": "Our cycling plan."}}, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"description": {"fr": ["The French description is required."]}}
    db.session.expire_all()
    assert db.session.get(Consultation, created["id"]).description == {"fr": "La ville prépare son plan vélo."}


def test_a_new_consultation_needs_its_french_summary_and_description(client, make, token_for):
    territory = make.territory(slug="agen")
    headers = token_for(make.member(make.user(), territory, "admin"))
    without = {key: value for key, value in NEW.items() if key != "description"}
    response = client.post("/api/v1/consultations", json={**without, "summary": {"en": "Where?"}}, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"description": ["Missing data for required field."]}
    response = client.post("/api/v1/consultations", json={**NEW, "summary": {"en": "Where?"}}, headers=headers)
    assert response.get_json()["error"]["fields"] == {"summary": {"fr": ["The French summary is required."]}}
    assert db.session.scalar(db.select(db.func.count(Consultation.id))) == 0


def test_the_texts_say_how_a_patch_changes_them(client):
    patch = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["ConsultationPatch"]
    for name in ("title", "summary", "description"):
        assert "A language left out keeps its text" in patch["properties"][name]["description"]


@pytest.mark.parametrize("name", ["Vélo | piéton", "Vélo\npiéton", "Vélo\tpiéton", "Vélo\u2028piéton"])
def test_a_category_name_that_would_cut_the_back_office_line_is_refused(client, make, token_for, name):
    """The back office lists one category a line, French and English names parted by a bar:
    {"fr": "Vélo | piéton", "en": "Cycling"} came back from it as "Vélo" and "piéton | Cycling"."""
    territory = make.territory(slug="agen")
    headers = token_for(make.member(make.user(), territory, "admin"))
    consultation = make.consultation(territory)
    lanes = make.category(consultation, "Pistes", "Lanes")
    for names in ({"fr": name, "en": "Cycling"}, {"fr": "Vélo", "en": name}):
        response = client.patch(f"/api/v1/consultations/{consultation.id}", json={"categories": [names]},
                                headers=headers)
        assert response.status_code == 422
        assert response.get_json()["error"]["fields"] == {
            "categories": ["Category names may not contain a bar “|”, a line break or a tab."]}
    db.session.expire_all()
    assert [c.name for c in db.session.get(Consultation, consultation.id).categories] == [lanes.name]


def test_the_years_are_those_of_the_local_dates_the_back_office_shows(client, make, token_for):
    """23:30 UTC on 31 December 2100 is in 2101 in Paris: accepted, the edit form showed it and
    refused every save; 23:30 UTC on 31 December 1999 is in 2000 there."""
    territory = make.territory(slug="agen")
    consultation = make.consultation(territory)
    headers = token_for(make.member(make.user(), territory, "admin"))
    url = f"/api/v1/consultations/{consultation.id}"
    late = [{"kind": "results", "starts_at": "2100-12-01T00:00:00Z", "ends_at": "2100-12-31T23:30:00Z"}]
    response = client.patch(url, json={"phases": late}, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "phases": {"0": {"ends_at": ["Give a date between the years 2000 and 2100."]}}}
    early = [{"kind": "information", "starts_at": "1999-12-31T23:30:00Z", "ends_at": "2000-01-02T00:00:00Z"}]
    assert client.patch(url, json={"phases": early}, headers=headers).status_code == 200
