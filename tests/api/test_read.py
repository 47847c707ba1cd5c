"""Reading public data anonymously, and who-am-I with a token."""
import re

from consult.extensions import db


def test_territories_list_and_item(client, make):
    make.territory(slug="lyon", name="Lyon")
    make.territory(slug="agen", name="Agen")
    body = client.get("/api/v1/territories?per_page=1").get_json()
    assert body["total"] == 2 and body["page"] == 1 and body["per_page"] == 1
    assert [t["slug"] for t in body["items"]] == ["agen"]
    assert client.get("/api/v1/territories/lyon").get_json()["name"] == "Lyon"


def test_unknown_territory_is_a_json_404_in_the_request_language(client):
    response = client.get("/api/v1/territories/nowhere", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert set(response.get_json()["error"]) == {"code", "message", "fields"}


def test_per_page_over_100_is_refused_with_fields(client):
    response = client.get("/api/v1/territories?per_page=101")
    assert response.status_code == 422
    assert "per_page" in response.get_json()["error"]["fields"]


def test_consultations_hide_drafts_from_the_public(client, make):
    territory = make.territory(slug="agen")
    published = make.consultation(territory, phase="vote", max_votes=3)
    draft = make.consultation(territory, status="draft")
    body = client.get("/api/v1/consultations").get_json()
    assert [c["id"] for c in body["items"]] == [published.id]
    item = body["items"][0]
    assert item["territory"] == "agen" and item["phase"] == "vote" and item["max_votes"] == 3
    assert item["vote_mode"] == "support"
    assert client.get(f"/api/v1/consultations/{draft.id}").status_code == 404


def test_draft_visible_to_its_territory_admin_with_a_token(client, make, token_for):
    territory = make.territory()
    draft = make.consultation(territory, status="draft")
    admin = make.member(make.user(), territory, "admin")
    assert client.get(f"/api/v1/consultations/{draft.id}", headers=token_for(admin, "read")).status_code == 200


def test_consultation_filters(client, make):
    a, b = make.territory(slug="a"), make.territory(slug="b")
    open_one = make.consultation(a, phase="proposals", themes=["mobility"])
    make.consultation(b, phase=None, themes=["energy"])
    assert [c["id"] for c in client.get("/api/v1/consultations?territory=a").get_json()["items"]] == [open_one.id]
    assert client.get("/api/v1/consultations?theme=energy").get_json()["total"] == 1
    assert client.get("/api/v1/consultations?phase=upcoming").get_json()["total"] == 1
    assert client.get("/api/v1/consultations?phase=sometime").status_code == 422


def test_a_consultation_lists_its_categories_for_a_resident_to_post_in_one(client, make, token_for):
    consultation = make.consultation(make.territory(), premoderate_comments=True, supports_during_proposals=True)
    lanes = make.category(consultation, "Pistes", "Lanes")
    parks = make.category(consultation, "Parcs", "Parks")
    parks.position = 1
    db.session.commit()
    body = client.get(f"/api/v1/consultations/{consultation.id}", headers={"Accept-Language": "en"}).get_json()
    assert body["categories"] == [{"id": lanes.id, "name": "Lanes", "names": {"fr": "Pistes", "en": "Lanes"}},
                                  {"id": parks.id, "name": "Parks", "names": {"fr": "Parcs", "en": "Parks"}}]
    assert (body["participation"], body["premoderate_comments"], body["supports_during_proposals"]) == (
        "confirmed", True, True)
    listed = client.get("/api/v1/consultations").get_json()["items"][0]
    assert listed["supports_during_proposals"] is True and "categories" not in listed  # one query more: on the item

    proposal = {"title": "Des pistes cyclables", "body": "Créer des pistes cyclables séparées de la route.",
                "category_id": body["categories"][1]["id"]}
    response = client.post(f"/api/v1/consultations/{consultation.id}/proposals", json=proposal,
                           headers=token_for(make.user()))
    assert response.status_code == 201 and response.get_json()["category"]["id"] == parks.id


def test_the_categories_are_documented_where_they_are_shown(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    category = schemas["ConsultationDetail"]["properties"]["categories"]["items"]["$ref"].rsplit("/", 1)[1]
    assert set(schemas[category]["properties"]) == {"id", "name", "names"}
    assert {"participation", "premoderate_comments", "supports_during_proposals"} <= set(
        schemas["Consultation"]["properties"])
    item = spec["paths"]["/api/v1/consultations/{consultation_id}"]
    for method, status in (("get", "200"), ("patch", "200")):
        assert item[method]["responses"][status]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ConsultationDetail")


def test_me_needs_a_token(client, make, token_for):
    assert client.get("/api/v1/me").status_code == 401
    user = make.user(name="Alice")
    body = client.get("/api/v1/me", headers=token_for(user, "read")).get_json()
    assert body["display_name"] == "Alice" and body["token_scope"] == "read"


def test_me_gives_the_roles_that_act_now(client, make, token_for):
    """A block suspends a person's roles, as the site's menus say: the API says so too."""
    from datetime import timedelta

    from consult.database import utcnow
    from consult.extensions import db

    admin = make.member(make.user(platform_admin=True), make.territory(slug="ville"), "admin")
    headers = token_for(admin, "read")
    body = client.get("/api/v1/me", headers=headers).get_json()
    assert body["platform_admin"] is True and body["roles"] == [{"territory": "ville", "role": "admin"}]
    admin.blocked_until = utcnow() + timedelta(days=3)
    db.session.commit()
    body = client.get("/api/v1/me", headers=headers).get_json()
    assert body["platform_admin"] is False and body["roles"] == []


def test_bad_or_revoked_token_is_401(client, make, token_for):
    from consult.auth.models import ApiToken
    from consult.database import utcnow
    from consult.extensions import db

    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Basic abc"}).status_code == 401
    headers = token_for(make.user())
    db.session.scalar(db.select(ApiToken)).revoked_at = utcnow()
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_session_cookie_is_ignored_by_the_api(client, make, login):
    login(make.user())
    assert client.get("/api/v1/me").status_code == 401


def test_openapi_document_and_docs_page(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/consultations/{consultation_id}" in spec["paths"]
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in page
    # served by the app, from no other site (a CDN): every script and style sheet is local
    assets = re.findall(r'<script[^>]* src="([^"]+)"', page) + re.findall(r'<link[^>]* href="([^"]+)"', page)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets), assets


def test_the_documentation_page_is_a_page_of_the_site_not_cached_data(client, make, login):
    """It shows the person's menu and the sign-out form's token: no shared cache keeps it."""
    login(make.user(name="Alice Martin"))
    page = client.get("/api/v1/docs")
    assert "Sign out" in page.text
    assert "public" not in page.headers.get("Cache-Control", "") and "ETag" not in page.headers
    assert client.get("/api/v1/openapi.json").headers["Cache-Control"] == "public, max-age=60"


def test_operations_are_grouped_under_readable_tags_with_stable_ids(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert [t["name"] for t in spec["tags"]] == ["Territories", "Consultations", "Consultations (writing)", "Proposals",
                                                 "Votes", "Comments", "Moderation", "Results", "Me"]
    operations = [(method, path, op) for path, ops in spec["paths"].items() for method, op in ops.items()
                  if isinstance(op, dict) and "responses" in op]
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids)) == len(operations)  # one each, never twice: clients name methods by them
    by_id = {op["operationId"]: (method, path) for method, path, op in operations}
    assert by_id["put_proposals_proposal_id_vote"] == ("put", "/api/v1/proposals/{proposal_id}/vote")
    declared = {t["name"] for t in spec["tags"]}
    assert all(set(op["tags"]) <= declared for _, _, op in operations)
    assert not any("permissions." in (op.get("description", "") + op.get("summary", "")) for _, _, op in operations)


def test_the_documentation_page_speaks_the_language_chosen_on_the_site(client):
    client.set_cookie("consult_locale", "fr")
    page = client.get("/api/v1/docs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="fr">' in page
    # the API itself answers in the language the client asks for
    error = client.get("/api/v1/consultations/999999", headers={"Accept-Language": "en"}).get_json()
    assert error["error"]["message"] == "This page does not exist, or is no longer available."


def test_results_are_open_data_without_personal_data(client, make):
    consultation = make.consultation(phase="results")
    author = make.user(email="secret@example.org", name="Alice")
    make.proposal(consultation, author, votes_for=4)
    body = client.get(f"/api/v1/consultations/{consultation.id}/results").get_json()
    assert body["licence"] == "Licence Ouverte / Etalab 2.0"
    assert body["proposals"][0]["votes_for"] == 4 and body["proposals"][0]["author"] == "Alice"
    assert "secret@example.org" not in str(body) and "title" in body["dictionary"]
    draft = make.consultation(status="draft")
    assert client.get(f"/api/v1/consultations/{draft.id}/results").status_code == 404


def test_an_archived_consultation_is_closed_whatever_its_dates(client, make):
    archived = make.consultation(make.territory(), phase="proposals", status="archived")
    item = client.get(f"/api/v1/consultations/{archived.id}").get_json()
    assert (item["status"], item["phase"], item["phase_state"]) == ("archived", None, "closed")
    closed = client.get("/api/v1/consultations?phase=closed").get_json()["items"]
    assert [(c["id"], c["phase_state"]) for c in closed] == [(archived.id, "closed")]


def test_proposal_filters_the_api_cannot_apply_are_said(client, make):
    """Dropped, they gave back the whole list, as if it were the filtered one."""
    consultation = make.consultation()
    other = make.consultation()
    mobility, elsewhere = make.category(consultation), make.category(other)
    make.proposal(consultation, category=mobility)
    url = f"/api/v1/consultations/{consultation.id}/proposals"
    assert client.get(f"{url}?category={mobility.id}").get_json()["total"] == 1
    response = client.get(f"{url}?category={elsewhere.id}")
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "category": ["Please choose one of the categories of this consultation."]}
    assert client.get(f"{url}?mine=true").status_code == 401
