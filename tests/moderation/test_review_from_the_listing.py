"""The proposals listing of a consultation, read by a moderator of its territory: each proposal
awaiting approval or with open reports carries a "Needs review" link (with its open reports) to its
decision page. Nobody else sees these links nor the proposals awaiting approval, not even a
visitor served the listing after a moderator, and the moderator's listing costs the same few
queries whatever the number of proposals."""
import re

import pytest

from consult.extensions import db
from consult.moderation.models import Report

from ..helpers import count_queries

FR = {"Accept-Language": "fr"}


def review_links(html):
    """{href: what a screen reader reads} of the listing's "Needs review" links."""
    found = re.findall(r'<a class="review-link" rel="nofollow" href="([^"]+)">(.*?)</a>', html, re.S)
    return {href.replace("&amp;", "&"): re.sub(r"<[^>]+>", "", text) for href, text in found}


def titles(html):
    return sorted(re.findall(r'<h3><a href="/proposals/\d+"(?: lang="\w+")?>([^<]+)</a></h3>', html))


def report(world, proposal, reporter, status="open"):
    db.session.add(Report(territory_id=world.territory.id, reporter_id=reporter.id, target_type="proposal",
                          target_id=proposal.id, reason="spam", status=status))
    db.session.commit()


@pytest.fixture
def waiting(world, make):
    """Alice's published proposal, reported twice (and once already settled); Bob's awaiting
    approval; one awaiting approval that the moderator wrote; one nobody reported."""
    bob = make.user(name="Bob")
    report(world, world.proposal, world.residents[0])
    report(world, world.proposal, world.residents[1])
    report(world, world.proposal, world.residents[2], status="dismissed")
    pending = make.proposal(world.consultation, bob, title="Un banc devant l’école", status="pending")
    own = make.proposal(world.consultation, world.moderator, title="Une idée de la modératrice", status="pending")
    quiet = make.proposal(world.consultation, bob, title="Des arbres rue Haute")
    return pending, own, quiet


def listing(world):
    return f"/consultations/{world.consultation.id}/proposals"


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_a_moderator_sees_what_awaits_them_on_the_listing_and_reaches_its_decision_page(world, as_user, waiting, who):
    pending, own, quiet = waiting
    client = as_user(getattr(world, who))
    page = listing(world)
    html = client.get(page).text
    assert titles(html) == sorted([world.proposal.title, pending.title, own.title, quiet.title])
    expected = {
        f"/moderation/item/proposal/{world.proposal.id}?next={page}": "Needs review (2 reports) — Un jardin partagé",
        f"/moderation/item/proposal/{pending.id}?next={page}": "Needs review — Un banc devant l’école",
    }
    if who == "admin":  # the moderator's own proposal is theirs to review, not the moderator's
        expected[f"/moderation/item/proposal/{own.id}?next={page}"] = "Needs review — Une idée de la modératrice"
    assert review_links(html) == expected
    decision_page = client.get(f"/moderation/item/proposal/{pending.id}?next={page}").text
    assert f'<a href="{page}">Back to the page you came from</a>' in decision_page
    # the consultation's page shows the same listing
    consultation_page = f"/consultations/{world.consultation.id}"
    assert f"/moderation/item/proposal/{pending.id}?next={consultation_page}" in review_links(
        client.get(consultation_page).text)


def test_the_link_goes_once_the_decision_is_taken(world, as_user, waiting):
    pending = waiting[0]
    client = as_user(world.moderator)
    r = client.post("/moderation/act", data={"target_type": "proposal", "target_id": pending.id,
                                             "territory_id": world.territory.id, "action": "approve"})
    assert r.status_code == 302
    links = review_links(client.get(listing(world)).text)
    assert not any(f"/proposal/{pending.id}?" in href for href in links)
    assert len(links) == 1


@pytest.mark.parametrize("who", ["anonymous", "alice", "resident", "outsider", "platform_admin"])
def test_nobody_else_sees_the_links_nor_the_proposals_awaiting_approval(world, as_user, make, waiting, who):
    pending, own, quiet = waiting
    people = {"anonymous": None, "resident": world.residents[0], "platform_admin": make.user(platform_admin=True)}
    html = as_user(people[who] if who in people else getattr(world, who)).get(listing(world)).text
    assert titles(html) == sorted([world.proposal.title, quiet.title])
    assert review_links(html) == {} and "Needs review" not in html


def test_a_visitor_served_the_listing_after_a_moderator_sees_no_link(app, world, as_user, waiting):
    app.config["PUBLIC_CACHE_SECONDS"] = 60  # the page cache on (long enough for a slow run)
    pages = [listing(world), f"/consultations/{world.consultation.id}"]
    for page in pages:
        assert review_links(as_user(world.moderator).get(page).text)
    for person in (None, world.residents[1]):
        client = as_user(person)
        for page in pages * 2:  # the second time, the visitor's pages come from the cache
            html = client.get(page).text
            assert "review-link" not in html and "/moderation/item/" not in html, page
            assert waiting[0].title not in html
        if person is None:
            assert client.get(pages[0]).headers["X-Cache"] == "HIT"  # the cache was at work
    assert review_links(as_user(world.moderator).get(pages[0]).text)


def test_the_moderator_s_listing_costs_the_same_queries_whatever_the_number_of_proposals(world, as_user, make):
    client = as_user(world.moderator)
    authors = [make.user() for _ in range(3)]
    counts, made = [], 0
    for size in (2, 12):
        for i in range(size):
            proposal = make.proposal(world.consultation, authors[0], title=f"Proposition {size}-{i}",
                                     status="pending" if i % 2 else "published")
            for reporter in authors[1:]:
                report(world, proposal, reporter)
        with count_queries() as counter:
            html = client.get(listing(world)).text
        made += size
        assert len(review_links(html)) == made  # each awaits approval or has open reports
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_in_french(world, as_user, waiting):
    html = as_user(world.moderator).get(listing(world), headers=FR).text
    assert sorted(text.split(" — ")[0] for text in review_links(html).values()) == [
        "À modérer", "À modérer (2 signalements)"]
