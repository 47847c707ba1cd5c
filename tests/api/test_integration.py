"""What a program using the API relies on: the same visibility and refusals as the site,
repeatable writes, headers that say how to authenticate, what is allowed and what varies,
and open data readable from another site."""


def test_rejected_comments_are_not_shown_to_others(client, make, token_for):
    proposal = make.proposal(make.consultation(phase="proposals"))
    author = make.user()
    make.comment(proposal, author, body="Un commentaire refusé par la modération.", status="rejected",
                 stance="against")
    make.comment(proposal, body="Un commentaire publié.")
    url = f"/api/v1/proposals/{proposal.id}/comments"
    public = client.get(url).get_json()
    assert public["total"] == 1 and [c["body"] for c in public["items"]] == ["Un commentaire publié."]
    mine = client.get(url, headers=token_for(author)).get_json()  # its author still sees it, as on the site
    assert mine["total"] == 2 and {c["status"] for c in mine["items"]} == {"published", "rejected"}
    assert [c["stance"] for c in mine["items"] if c["status"] == "rejected"] == [None]  # hidden with its text


def test_a_reply_to_a_comment_closed_to_replies_says_so(client, make, token_for):
    proposal = make.proposal(make.consultation(phase="proposals"))
    hidden = make.comment(proposal, status="hidden")
    response = client.post(f"/api/v1/proposals/{proposal.id}/comments", headers=token_for(make.user()),
                           json={"body": "Je réponds.", "parent_id": hidden.id})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["parent_id"] == ["This comment can no longer receive replies."]


def test_refusals_say_why_as_on_the_site(client, make, token_for):
    voting = make.consultation(phase="vote")
    response = client.post(f"/api/v1/consultations/{voting.id}/proposals", headers=token_for(make.user()),
                           json={"title": "Des bancs le long du Lot", "body": "Pour s'asseoir au bord de l'eau."})
    assert response.status_code == 403
    assert response.get_json()["error"]["message"].startswith(
        "Proposals can be posted only while the proposals phase of this consultation is open")
    support = make.proposal(voting)
    wrong = client.put(f"/api/v1/proposals/{support.id}/vote", json={"value": -1}, headers=token_for(make.user()))
    assert wrong.status_code == 422
    assert wrong.get_json()["error"]["fields"] == {"value": ["This choice is not available in this consultation."]}
    read_only = client.put(f"/api/v1/proposals/{support.id}/vote", json={"value": 1},
                           headers=token_for(make.user(), scope="read"))
    assert read_only.status_code == 403 and "This token may only read." in read_only.get_json()["error"]["message"]


def test_withdrawing_twice_gives_the_same_answer(client, make, token_for):
    author = make.user()
    proposal = make.proposal(make.consultation(phase="proposals"), author)
    url = f"/api/v1/proposals/{proposal.id}/withdraw"
    first = client.post(url, headers=token_for(author))
    second = client.post(url, headers=token_for(author))
    assert first.status_code == second.status_code == 200 and first.get_json() == second.get_json()
    assert client.post(url, headers=token_for(make.user())).status_code == 403  # someone else's


def test_headers_say_how_to_authenticate_what_is_allowed_and_what_varies(client, make):
    consultation = make.consultation()
    unauthenticated = client.put(f"/api/v1/proposals/{make.proposal(consultation).id}/vote", json={"value": 1})
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["WWW-Authenticate"] == 'Bearer realm="Consult API"'
    assert "Authorization: Bearer" in unauthenticated.get_json()["error"]["message"]
    not_allowed = client.delete(f"/api/v1/consultations/{consultation.id}")
    assert not_allowed.status_code == 405 and set(not_allowed.headers["Allow"].split(", ")) >= {"GET", "PATCH"}
    assert client.post("/territories/").headers["Allow"]  # the site's pages too
    public = client.get(f"/api/v1/consultations/{consultation.id}/results", headers={"Origin": "https://data.example"})
    assert public.headers["Access-Control-Allow-Origin"] == "*"
    assert {"Accept-Language", "Authorization"} <= set(public.vary)


def test_lists_say_how_many_pages_they_have(client, make):
    for _ in range(3):
        make.territory()
    page = client.get("/api/v1/territories?per_page=2&page=2").get_json()
    assert (page["total"], page["pages"], page["page"], len(page["items"])) == (3, 2, 2, 1)
    assert client.get("/api/v1/territories?per_page=5").get_json()["pages"] == 1


def test_who_may_write_is_said_before_what_was_written(client, make, token_for):
    assert client.post("/api/v1/consultations", json={}).status_code == 401
    read_only = client.post("/api/v1/consultations", json={}, headers=token_for(make.user(), scope="read"))
    assert read_only.status_code == 403
    assert client.post("/api/v1/consultations", json={}, headers=token_for(make.user())).status_code == 422


def test_open_data_is_cached_a_minute_and_revalidated(client, make, token_for, monkeypatch):
    from datetime import timedelta

    from consult.database import utcnow
    from consult.votes import opendata

    consultation = make.consultation()
    url = f"/api/v1/consultations/{consultation.id}/results"
    first = client.get(url)
    assert first.headers["Cache-Control"] == "public, max-age=60" and first.headers["ETag"]
    later = utcnow() + timedelta(seconds=30)
    monkeypatch.setattr(opendata, "utcnow", lambda: later)  # read again later: the results are the same
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    make.proposal(consultation, title="Une nouvelle proposition arrive")
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 200  # changed
    mine = client.get("/api/v1/me", headers=token_for(make.user()))
    assert mine.headers["Cache-Control"] == "private, no-store" and "ETag" not in mine.headers
