import re

from consult.extensions import db
from consult.votes.models import Vote

from ..helpers import count_queries, current_page, pagination_links


def test_activity_needs_a_signed_in_person(client):
    assert client.get("/me/activity").status_code == 302


def test_my_proposals_with_their_status(client, make, login):
    me = login(make.user())
    c = make.consultation()
    make.proposal(c, me, title="Un jardin partagé")
    make.proposal(c, me, title="Une proposition en attente", status="pending")
    make.proposal(c, make.user(), title="La proposition de quelqu'un d'autre")
    page = client.get("/me/activity").get_data(as_text=True)
    assert "Un jardin partagé" in page and "Une proposition en attente" in page
    assert "Awaiting moderation" in page
    assert "quelqu&#39;un d&#39;autre" not in page
    assert "My proposals (2)" in page


def test_my_proposals_show_the_counts_of_their_vote_mode(client, make, login):
    me = login(make.user())
    supports = make.consultation(vote_mode="support")
    make.proposal(supports, me, votes_for=3, comments_count=1)
    for_against = make.consultation(vote_mode="for_against")
    make.proposal(for_against, me, votes_for=1, votes_against=2, votes_abstain=1)
    page = client.get("/me/activity").get_data(as_text=True)
    assert "Supports: 3 · Comments: 1" in page
    assert "For: 1 · Against: 2 · Abstain: 1 · Comments: 0" in page


def test_my_comments_and_votes_are_mine_only(client, make, login):
    me = login(make.user())
    someone = make.user()
    c = make.consultation(phase="vote", vote_mode="for_against")
    p = make.proposal(c, someone, title="Piétonniser la place")
    make.comment(p, me, body="Bonne idée pour le **marché**.")
    make.comment(p, someone, body="Un autre avis.")
    db.session.add_all([Vote(user_id=me.id, proposal_id=p.id, consultation_id=c.id, value=-1),
                        Vote(user_id=someone.id, proposal_id=p.id, consultation_id=c.id, value=1)])
    db.session.commit()

    comments = client.get("/me/activity?show=comments").get_data(as_text=True)
    assert "Bonne idée pour le marché." in comments and "Un autre avis." not in comments
    votes = client.get("/me/activity?show=votes").get_data(as_text=True)
    assert "Piétonniser la place" in votes
    assert "Against" in votes and ">For<" not in votes
    assert "My votes (1)" in votes


def test_my_comments_do_not_name_a_proposal_moderation_hid(client, make, login):
    me = login(make.user())
    c = make.consultation()
    hidden = make.proposal(c, make.user(), title="Un titre diffamatoire", status="hidden")
    make.comment(hidden, me, body="Mon avis sur ce titre.")
    page = client.get("/me/activity?show=comments").get_data(as_text=True)
    assert "Mon avis sur ce titre." in page and "Un titre diffamatoire" not in page
    assert "A proposal that moderation does not show at the moment" in page
    assert "Un titre diffamatoire" not in client.get(f"/proposals/{hidden.id}").get_data(as_text=True)


def _queries(client, url):
    with count_queries() as counter:
        page = client.get(url).get_data(as_text=True)
    return page, counter.count


def test_activity_is_paginated_with_a_bounded_number_of_queries(client, make, login):
    me = login(make.user())
    c = make.consultation()
    make.proposal(c, me, title="Proposition 00")
    _, few = _queries(client, "/me/activity")
    for i in range(1, 25):
        make.proposal(c, me, title=f"Proposition {i:02d}")
    page1, many = _queries(client, "/me/activity")
    assert page1.count('class="card"') == 20
    assert many == few <= 6
    page2 = client.get("/me/activity?page=2").get_data(as_text=True)
    assert page2.count('class="card"') == 5
    assert "Proposition 00" in page2
    for tab in ("comments", "votes"):
        assert client.get(f"/me/activity?show={tab}").status_code == 200
    for i in range(3):
        make.comment(make.proposal(make.consultation(), me), me)
    _, few = _queries(client, "/me/activity?show=comments")
    for i in range(3):
        make.comment(make.proposal(make.consultation(), me), me)
    assert _queries(client, "/me/activity?show=comments")[1] == few  # each comment's proposal and consultation


def test_activity_page_links_keep_the_tab(client, make, login):
    me = login(make.user())
    c = make.consultation()
    for i in range(45):
        make.proposal(c, me, title=f"Proposition {i:02d}")
    html = client.get("/me/activity?show=proposals&page=2", headers={"Accept-Language": "en"}).get_data(as_text=True)
    nav = pagination_links(html)
    assert '<a href="/me/activity?page=1&amp;show=proposals" rel="prev">' in nav
    assert '<a href="/me/activity?page=3&amp;show=proposals" rel="next">' in nav
    assert current_page(2) in nav


def test_my_votes_say_each_vote_in_words(client, login, make):
    login(make.user())
    support = make.proposal(make.consultation(phase="vote", vote_mode="support"), title="Un banc")
    duel = make.consultation(phase="vote", vote_mode="for_against")
    votes = [(support, 1)] + [(make.proposal(duel, title=f"Vote {value}"), value) for value in (1, -1, 0)]
    for proposal, value in votes:
        assert client.post(f"/proposals/{proposal.id}/vote", data={"value": value}).status_code == 302
    page = client.get("/me/activity?show=votes").text
    assert re.findall(r'<span class="badge badge-accent">([^<]*)</span>', page) == [
        "Abstain", "Against", "For", "Supported"]  # newest first


def test_statuses_agree_with_their_item_in_french(client, make, login):
    me = login(make.user())
    p = make.proposal(make.consultation(), me, title="Un banc", status="rejected")
    make.comment(make.proposal(p.consultation, make.user()), me, body="Un avis.", status="rejected")
    french = {"Accept-Language": "fr"}
    proposals = client.get("/me/activity", headers=french).get_data(as_text=True)
    comments = client.get("/me/activity?show=comments", headers=french).get_data(as_text=True)
    assert '<span class="badge">Refusée par la modération</span>' in proposals
    assert '<span class="badge">Refusé par la modération</span>' in comments
