"""The short-lived cache of anonymous pages: never for signed-in people, tokens swapped."""
from consult.extensions import db


def test_anonymous_listing_is_cached_a_few_seconds(app, client, make, login):
    app.config["PUBLIC_CACHE_SECONDS"] = 5
    c = make.consultation(phase="vote")
    p = make.proposal(c, title="Un jardin partagé")
    url = f"/consultations/{c.id}/proposals"
    first = client.get(url)
    assert first.headers.get("X-Cache") == "MISS"
    p.title = "Un verger partagé"
    db.session.commit()
    second = client.get(url)
    assert second.headers.get("X-Cache") == "HIT"
    assert "Un jardin partagé" in second.get_data(as_text=True)
    # a signed-in person sees the page as it is now
    login(make.user())
    fresh = client.get(url)
    assert fresh.headers.get("X-Cache") is None
    assert "Un verger partagé" in fresh.get_data(as_text=True)


def test_signed_in_voter_sees_own_vote_at_once(app, client, make, login):
    app.config["PUBLIC_CACHE_SECONDS"] = 5
    c = make.consultation(phase="vote")
    p = make.proposal(c)
    client.get(f"/consultations/{c.id}/proposals")  # fills the anonymous cache
    login(make.user())
    client.post(f"/proposals/{p.id}/vote", data={"value": "1"})
    html = client.get(f"/consultations/{c.id}/proposals").get_data(as_text=True)
    assert 'aria-pressed="true"' in html


def test_cached_page_carries_the_visitors_own_csrf_token(app, make):
    app.config.update(PUBLIC_CACHE_SECONDS=5, WTF_CSRF_ENABLED=True)
    c = make.consultation(phase="vote")
    url = f"/consultations/{c.id}/proposals"
    alice, bob = app.test_client(), app.test_client()
    alice.get(url)
    hit = bob.get(url)
    assert hit.headers.get("X-Cache") == "HIT"
    html = hit.get_data(as_text=True)
    assert "\x00" not in html
    import re
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    r = bob.post("/language", data={"csrf_token": token, "locale": "en", "next": "/"})
    assert r.status_code in (302, 303)


def test_cache_is_off_in_tests_by_default(client, make):
    c = make.consultation(phase="vote")
    assert client.get(f"/consultations/{c.id}/proposals").headers.get("X-Cache") is None
