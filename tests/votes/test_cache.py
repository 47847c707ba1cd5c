"""The short-lived page cache: whole pages for anonymous visitors (their own CSRF token
swapped in), and a listing shared by signed-in residents, filled per person with exact
counts, their own votes, their menu and their token."""
import re

import pytest

from consult.extensions import db
from consult.notifications.models import Notification
from consult.proposals.models import Proposal

from ..factories import Factory

SEED = "proposals_seed"


@pytest.fixture
def cached(app):
    app.config["PUBLIC_CACHE_SECONDS"] = 5
    return app


def _client(app, user=None, seed=0):
    """A browser with a fixed random order (each order has its own cache entries)."""
    browser = app.test_client()
    with browser.session_transaction() as session:
        session[SEED] = seed
        if user is not None:
            session["_user_id"] = Factory().signed_in(user).get_id()
            session["_fresh"] = True
    return browser


def _token(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _box(html, proposal):
    return re.search(rf'<div class="vote-box" id="vote-box-{proposal.id}"[^>]*>.*?</div>', html, re.S).group(0)


def test_anonymous_listing_is_cached_a_few_seconds(cached, make):
    c = make.consultation(phase="vote")
    p = make.proposal(c, title="Un jardin partagé")
    url = f"/consultations/{c.id}/proposals"
    assert _client(cached).get(url).headers["X-Cache"] == "MISS"
    p.title = "Un verger partagé"
    db.session.commit()
    second = _client(cached).get(url)
    assert second.headers["X-Cache"] == "HIT"
    assert "Un jardin partagé" in second.get_data(as_text=True)
    # another random order is another page
    other = _client(cached, seed=1).get(url)
    assert other.headers["X-Cache"] == "MISS"
    assert "Un verger partagé" in other.get_data(as_text=True)


def test_cached_page_carries_the_visitors_own_csrf_token(cached, make):
    cached.config["WTF_CSRF_ENABLED"] = True
    c = make.consultation(phase="vote")
    url = f"/consultations/{c.id}/proposals"
    _client(cached).get(url)
    bob = _client(cached)
    hit = bob.get(url)
    assert hit.headers["X-Cache"] == "HIT"
    html = hit.get_data(as_text=True)
    assert "\x00" not in html
    r = bob.post("/language", data={"csrf_token": _token(html), "locale": "en", "next": "/"})
    assert r.status_code in (302, 303)


def test_cache_is_off_in_tests_by_default(client, make):
    c = make.consultation(phase="vote")
    assert client.get(f"/consultations/{c.id}/proposals").headers.get("X-Cache") is None


def test_residents_share_the_listing_with_their_own_votes_and_exact_counts(cached, make):
    c = make.consultation(phase="vote", max_votes=10)
    p = make.proposal(c, title="Un jardin partagé")
    alice, bob = make.user(name="Alice"), make.user(name="Bob")
    url = f"/consultations/{c.id}/proposals"
    as_alice, as_bob = _client(cached, alice), _client(cached, bob)

    assert as_alice.get(url).headers["X-Cache"] == "MISS"
    as_alice.post(f"/proposals/{p.id}/vote", data={"value": "1"}, headers={"X-Requested-With": "fetch"})
    page = as_bob.get(url)
    assert page.headers["X-Cache"] == "HIT"
    box = _box(page.get_data(as_text=True), p)
    assert '<strong class="vote-count" data-count="for">1</strong>' in box
    assert 'aria-pressed="false"' in box
    assert "10 of 10 supports left" in page.get_data(as_text=True)

    page = as_alice.get(url)
    assert page.headers["X-Cache"] == "HIT"
    box = _box(page.get_data(as_text=True), p)
    assert '<strong class="vote-count" data-count="for">1</strong>' in box
    assert 'aria-pressed="true"' in box
    assert "9 of 10 supports left" in box


def test_shared_listing_shows_each_person_their_menu_and_token(cached, make):
    cached.config["WTF_CSRF_ENABLED"] = True
    c = make.consultation(phase="vote")
    p = make.proposal(c)
    alice, bob = make.user(), make.user()
    db.session.add_all([Notification(user_id=bob.id, kind="phase_opened", payload={}, url="/"),
                        Notification(user_id=bob.id, kind="phase_opened", payload={}, url="/")])
    db.session.commit()
    url = f"/consultations/{c.id}/proposals"
    _client(cached, alice).get(url)
    as_bob = _client(cached, bob)
    page = as_bob.get(url)
    assert page.headers["X-Cache"] == "HIT"
    html = page.get_data(as_text=True)
    assert "\x00" not in html
    assert re.search(r'class="badge-count">2<', html)
    assert "Sign out" in html and "Sign in" not in html
    r = as_bob.post(f"/proposals/{p.id}/vote", data={"csrf_token": _token(html), "value": "1"})
    assert r.status_code in (302, 303)


def test_reading_the_listing_and_voting_write_nothing_to_the_account_whatever_the_language(cached, make):
    """The language a person reads the pages in is noted when they sign in or choose one, not by
    the pages they read: a resident who last read the site in French, whose browser now asks for
    English, reads the shared listing and votes without a write to their account, in as many
    statements as one who last read it in English."""
    from ..helpers import count_queries

    c = make.consultation(phase="vote", max_votes=10)
    p = make.proposal(c)
    url = f"/consultations/{c.id}/proposals"
    _client(cached, make.user()).get(url)
    counts = {}
    for last in ("en", "fr"):
        browser = _client(cached, make.user(last_locale=last))
        with count_queries() as counter:
            page = browser.get(url)
            vote = browser.post(f"/proposals/{p.id}/vote", data={"value": "1"}, headers={"X-Requested-With": "fetch"})
        assert page.headers["X-Cache"] == "HIT" and vote.status_code == 200
        assert not [s for s in counter.statements if s.split()[:2] in (["UPDATE", "user"], ["UPDATE", '"user"'])]
        counts[last] = counter.count
    assert counts["en"] == counts["fr"], counts


def test_the_propose_button_depends_on_the_person(cached, make):
    c = make.consultation(phase="proposals")
    make.proposal(c)
    url = f"/consultations/{c.id}/proposals"
    _client(cached, make.user()).get(url)
    resident = _client(cached, make.user()).get(url)
    unconfirmed = _client(cached, make.user(confirmed=False)).get(url)
    assert resident.headers["X-Cache"] == unconfirmed.headers["X-Cache"] == "HIT"
    assert f'href="/consultations/{c.id}/proposals/new"' in resident.get_data(as_text=True)
    assert f'href="/consultations/{c.id}/proposals/new"' not in unconfirmed.get_data(as_text=True)


def test_staff_and_authors_of_unseen_proposals_get_a_fresh_page(cached, make):
    c = make.consultation(phase="vote")
    make.proposal(c, title="Une idée publiée")
    url = f"/consultations/{c.id}/proposals"
    _client(cached, make.user()).get(url)

    moderator = make.user()
    make.member(moderator, c.territory, "moderator")
    page = _client(cached, moderator).get(url)
    assert page.headers.get("X-Cache") is None
    assert "Moderation" in page.get_data(as_text=True)

    author = make.user()
    make.proposal(c, author=author, title="Mon idée en attente", status="pending")
    page = _client(cached, author).get(url)
    assert page.headers.get("X-Cache") is None
    assert "Mon idée en attente" in page.get_data(as_text=True)
    assert "Mon idée en attente" not in _client(cached, make.user()).get(url).get_data(as_text=True)


def test_my_proposals_filter_and_own_changes_are_served_fresh(cached, make):
    c = make.consultation(phase="proposals")
    author = make.user()
    p = make.proposal(c, author=author, title="Ma première idée")
    url = f"/consultations/{c.id}/proposals"
    as_author = _client(cached, author)
    as_author.get(url)
    assert as_author.get(url + "?mine=y").headers.get("X-Cache") is None
    assert as_author.post(f"/proposals/{p.id}/withdraw").status_code == 302
    page = as_author.get(url)
    assert page.headers.get("X-Cache") is None
    assert "(your proposal)" in page.get_data(as_text=True)


def test_your_proposal_hint_is_only_for_the_author(cached, make):
    c = make.consultation(phase="vote")
    author = make.user()
    make.proposal(c, author=author, status="withdrawn")
    url = f"/consultations/{c.id}/proposals"
    assert _client(cached, make.user()).get(url).headers["X-Cache"] == "MISS"
    page = _client(cached, author).get(url)
    assert page.headers["X-Cache"] == "HIT"
    assert "(your proposal)" in page.get_data(as_text=True)
    assert "(your proposal)" not in _client(cached, make.user()).get(url).get_data(as_text=True)


@pytest.mark.parametrize("mode, phase", [("support", "vote"), ("for_against", "vote"), ("support", "proposals")])
def test_a_shared_page_is_the_page_rendered_for_the_person(cached, make, mode, phase):
    """Served from the shared entry, the listing is exactly what a fresh rendering shows the
    same person (CSRF tokens aside): menu, counts, own votes, votes left, buttons, hints."""
    c = make.consultation(phase=phase, vote_mode=mode, max_votes=3, supports_during_proposals=True)
    alice, bob = make.user(), make.user()
    proposals = [make.proposal(c, title=f"Idée {i}") for i in range(3)]
    make.proposal(c, author=alice, status="withdrawn", title="Idée retirée")
    db.session.add(Notification(user_id=alice.id, kind="phase_opened", payload={}, url="/"))
    db.session.commit()
    url = f"/consultations/{c.id}/proposals"
    as_alice, as_bob = _client(cached, alice), _client(cached, bob)
    if phase == "vote":
        as_alice.post(f"/proposals/{proposals[1].id}/vote", data={"value": "1"}, headers={"X-Requested-With": "fetch"})
        as_bob.post(f"/proposals/{proposals[2].id}/vote", data={"value": "1"}, headers={"X-Requested-With": "fetch"})
        # a vote on a proposal withdrawn since: its box offers the vote back
        as_alice.post(f"/proposals/{proposals[0].id}/vote", data={"value": "1"}, headers={"X-Requested-With": "fetch"})
        db.session.execute(db.update(Proposal).where(Proposal.id == proposals[0].id).values(status="withdrawn"))
        db.session.commit()
    db.session.expire_all()  # the test shares the requests' session: forget what it loaded before the votes

    def page(browser):
        response = browser.get(url)
        return response.headers.get("X-Cache"), re.sub(r'name="csrf_token" value="[^"]+"', "TOKEN",
                                                       response.get_data(as_text=True))

    cached.config["PUBLIC_CACHE_SECONDS"] = 0
    _state, fresh = page(as_alice)
    cached.config["PUBLIC_CACHE_SECONDS"] = 5
    assert page(as_bob)[0] == "MISS"
    state, served = page(as_alice)
    assert state == "HIT"
    assert served == fresh
    if phase == "vote":
        assert ("Take my support back" if mode == "support" else "Take my vote back") in served


def test_anonymous_results_are_cached_a_few_seconds_and_residents_get_them_fresh(cached, make):
    c = make.consultation(phase="vote")
    p = make.proposal(c, title="Un jardin partagé")
    url = f"/consultations/{c.id}/results"
    assert _client(cached).get(url).headers["X-Cache"] == "MISS"
    p.votes_for = 7
    db.session.commit()
    again = _client(cached).get(url)
    assert again.headers["X-Cache"] == "HIT"  # the crowd of the results day: one render per few seconds
    resident = _client(cached, make.user()).get(url)
    assert resident.headers.get("X-Cache") is None
    assert "<td>7</td>" in resident.get_data(as_text=True)


def test_the_results_figures_that_read_every_vote_are_computed_once_per_few_seconds(cached, make):
    """The totals and the activity over time read every vote: signed-in readers (never served
    the cached page) share them too, and each page of the ranking as well."""
    from ..helpers import count_queries

    c = make.consultation(phase="vote")
    for i in range(3):
        make.proposal(c, title=f"Idée {i}", votes_for=i)
    db.session.commit()
    url = f"/consultations/{c.id}/results"
    with count_queries() as first:
        assert _client(cached, make.user()).get(url).status_code == 200
    with count_queries() as again:
        resident = _client(cached, make.user()).get(url)
    with count_queries() as second_page:
        assert _client(cached, make.user()).get(f"{url}?page=2").status_code == 200
    assert again.count <= first.count - 4 and second_page.count <= first.count - 4
    assert "<td>2</td>" in resident.text  # the ranking is read fresh


@pytest.mark.parametrize("status", ["missing", "draft"])
def test_a_signed_in_resident_s_error_page_has_their_menu(cached, make, status):
    """The page was being rendered to be shared when the view answered 404: the error page
    is the person's, with their menu, never the shared page's markers."""
    user = make.user(name="Alice Martin")
    url = "/consultations/999999/proposals"
    if status == "draft":
        url = f"/consultations/{make.consultation(status='draft').id}/proposals"
    db.session.commit()
    response = _client(cached, user).get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "\x00" not in response.text and "Sign out" in response.text


def test_a_vote_without_javascript_is_said_in_its_box_on_a_page_rendered_fresh(cached, make):
    """The listing the person comes back to says "recorded" in the box they pressed (the page
    lands there, far from the top): that page is neither served from nor put in the cache."""
    c = make.consultation(phase="vote", max_votes=10)
    p = make.proposal(c, title="Un jardin partagé")
    url = f"/consultations/{c.id}/proposals"
    alice = _client(cached, make.user(name="Alice"))
    assert alice.get(url).headers["X-Cache"] == "MISS"
    r = alice.post(f"/proposals/{p.id}/vote", data={"value": "1", "next": url})
    assert r.headers["Location"] == f"{url}#vote-box-{p.id}"
    landed = alice.get(url)
    assert "X-Cache" not in landed.headers
    html = landed.get_data(as_text=True)
    said = '<p class="vote-status" role="status">Your support is recorded. You have 9 supports left.</p>'
    assert said in _box(html, p)
    assert 'class="flashes"' not in html  # not said again at the top
    again = alice.get(url)
    assert again.headers["X-Cache"] == "HIT"
    assert "Your support is recorded." not in again.get_data(as_text=True)


def test_a_visitor_s_results_page_is_never_older_than_the_cache_seconds(cached, make, monkeypatch):
    """The page kept for visitors shows the figures kept for every reader: it is kept no longer
    than they are, or a vote would show up to twice PUBLIC_CACHE_SECONDS late."""
    import time

    clock = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    c = make.consultation(phase="vote")
    p = make.proposal(c, title="Un jardin partagé")
    url = f"/consultations/{c.id}/results"
    assert _client(cached, make.user()).get(url).status_code == 200  # the figures are kept from now
    p.votes_for = 7
    db.session.commit()
    clock[0] += 4
    assert _client(cached).get(url).headers["X-Cache"] == "MISS"  # kept with the figures of 4 s ago
    clock[0] += 2
    page = _client(cached).get(url)  # 6 s after the vote
    assert page.headers["X-Cache"] == "MISS"
    assert 'data-figure="votes">7<' in page.text
    clock[0] += 4
    assert _client(cached).get(url).headers["X-Cache"] == "HIT"  # then kept 5 s, as any page
