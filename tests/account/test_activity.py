from sqlalchemy import event

from consult.extensions import db
from consult.votes.models import Vote


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


def test_my_comments_and_votes_are_mine_only(client, make, login):
    me = login(make.user())
    someone = make.user()
    c = make.consultation(phase="vote", vote_mode="for_against")
    p = make.proposal(c, someone, title="Piétonniser la place")
    make.comment(p, me, body="Bonne idée pour le marché.")
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


def _queries(client, url):
    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = client.get(url).get_data(as_text=True)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return page, len(statements)


def test_activity_is_paginated_with_a_bounded_number_of_queries(client, make, login):
    me = login(make.user())
    c = make.consultation()
    make.proposal(c, me, title="Proposition 00")
    _, few = _queries(client, "/me/activity")
    for i in range(1, 25):
        make.proposal(c, me, title=f"Proposition {i:02d}")
    page1, many = _queries(client, "/me/activity")
    assert page1.count('class="card"') == 20
    assert many == few <= 8
    page2 = client.get("/me/activity?page=2").get_data(as_text=True)
    assert page2.count('class="card"') == 5
    assert "Proposition 00" in page2
    for tab in ("comments", "votes"):
        assert client.get(f"/me/activity?show={tab}").status_code == 200
