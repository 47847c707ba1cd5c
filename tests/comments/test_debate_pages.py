"""A long debate is shown a page of conversations at a time (a comment with its replies), and
every link to a comment finds its page."""
import re
from datetime import timedelta

import pytest

from consult.comments.services import THREADS_PER_PAGE
from consult.database import utcnow
from consult.extensions import db

FR = {"Accept-Language": "fr"}


@pytest.fixture
def long_debate(debate, make):
    """THREADS_PER_PAGE + 1 conversations; the last one has a reply and a reply to the reply."""
    _, proposal, alice, bob = debate
    start = utcnow() - timedelta(days=2)
    roots = [make.comment(proposal, bob, body=f"Conversation {i + 1}", created_at=start + timedelta(minutes=i))
             for i in range(THREADS_PER_PAGE + 1)]
    reply = make.comment(proposal, alice, body="Une réponse", parent=roots[-1],
                         created_at=start + timedelta(hours=2))
    deep = make.comment(proposal, bob, body="Une réponse à la réponse", parent=reply,
                        created_at=start + timedelta(hours=3))
    return proposal, roots, reply, deep


def shown(html):
    return re.findall(r"<p>(Conversation \d+)</p>", html)


def test_the_debate_shows_a_page_of_conversations_with_links_to_the_others(client, long_debate):
    proposal, roots, reply, deep = long_debate
    first = client.get(f"/proposals/{proposal.id}", headers=FR).get_data(as_text=True)
    assert shown(first) == [f"Conversation {i + 1}" for i in range(THREADS_PER_PAGE)]
    assert f"Page 1 sur 2 du débat, {THREADS_PER_PAGE} conversations par page." in first
    assert f'<a href="/proposals/{proposal.id}?page=2#debate" rel="next">' in first
    assert f"{THREADS_PER_PAGE + 3} commentaires" in first  # the count is the whole debate's
    second = client.get(f"/proposals/{proposal.id}?page=2", headers=FR).get_data(as_text=True)
    assert shown(second) == [f"Conversation {THREADS_PER_PAGE + 1}"]
    assert "Une réponse à la réponse" in second  # replies stay with their conversation
    beyond = client.get(f"/proposals/{proposal.id}?page=99").get_data(as_text=True)
    assert shown(beyond) == [f"Conversation {THREADS_PER_PAGE + 1}"]  # the last page


@pytest.mark.parametrize("which, page", [("first", 1), ("last", 2), ("reply", 2), ("deep", 2)])
def test_a_comments_address_leads_to_its_page(client, long_debate, which, page):
    proposal, roots, reply, deep = long_debate
    comment = {"first": roots[0], "last": roots[-1], "reply": reply, "deep": deep}[which]
    response = client.get(f"/comments/{comment.id}")
    assert response.status_code == 302
    query = "?page=2" if page == 2 else ""
    assert response.headers["Location"] == f"/proposals/{proposal.id}{query}#comment-{comment.id}"


def test_a_reply_in_a_later_conversation_returns_to_its_page(client, login, long_debate):
    proposal, roots, _, _ = long_debate
    login(roots[0].author)
    response = client.post(f"/proposals/{proposal.id}/comments",
                           data={"body": "Moi aussi", "parent_id": roots[-1].id, "follow": "y"})
    assert response.status_code == 302
    assert re.fullmatch(rf"/proposals/{proposal.id}\?page=2#comment-\d+", response.headers["Location"])


def test_the_address_of_a_comment_on_a_proposal_nobody_may_see_is_not_found(client, make, debate):
    _, proposal, alice, bob = debate
    comment = make.comment(proposal, bob)
    proposal.status = "pending"
    db.session.commit()
    assert client.get(f"/comments/{comment.id}").status_code == 404
    assert client.get("/comments/999999").status_code == 404


def test_the_arguments_summary_links_to_each_comments_address(client, long_debate, make):
    proposal, roots, _, _ = long_debate
    argument = make.comment(proposal, roots[0].author, body="Plus d'ombre en été", stance="for")
    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    summary = html[html.index('class="panel arguments-for"'):html.index('class="panel arguments-against"')]
    assert f'<a href="/comments/{argument.id}" lang="fr">' in summary  # on page 2 of the debate, found from page 1


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_the_address_of_a_comment_the_visitor_may_not_see_is_not_found(client, login, debate, make, status):
    """As if it did not exist: its address tells nobody that a comment awaits moderation."""
    _, proposal, alice, bob = debate
    comment = make.comment(proposal, bob, status=status)
    assert client.get(f"/comments/{comment.id}").status_code == 404
    login(alice)
    assert client.get(f"/comments/{comment.id}").status_code == 404
    login(bob)  # its author sees it, and is led to it
    assert client.get(f"/comments/{comment.id}").headers["Location"] == f"/proposals/{proposal.id}#comment-{comment.id}"


def test_signing_in_from_a_page_of_the_debate_comes_back_to_it(client, long_debate):
    proposal, _, _, _ = long_debate
    html = client.get(f"/proposals/{proposal.id}?page=2").get_data(as_text=True)
    assert f'href="/auth/login?next=/proposals/{proposal.id}?page%3D2">' in html


def test_a_conversation_awaiting_moderation_counts_in_the_pages_of_who_sees_it_only(client, login, debate, make):
    """The database chooses the page's conversations as each person may see them: a comment
    held for review is its author's and the moderators', and the others' pages close over it."""
    consultation, proposal, alice, bob = debate
    start = utcnow() - timedelta(days=2)
    held = make.comment(proposal, alice, body="Conversation en attente", status="pending", created_at=start)
    for i in range(THREADS_PER_PAGE):
        make.comment(proposal, bob, body=f"Conversation {i + 1}", created_at=start + timedelta(minutes=i + 1))
    last = f"Conversation {THREADS_PER_PAGE}"
    visitor = client.get(f"/proposals/{proposal.id}", headers=FR).get_data(as_text=True)
    assert "Conversation en attente" not in visitor and last in visitor and 'id="debate-pages"' not in visitor
    assert client.get(f"/comments/{held.id}").status_code == 404
    for person in (alice, make.member(make.user(), consultation.territory, "moderator")):
        login(person)
        first = client.get(f"/proposals/{proposal.id}", headers=FR).get_data(as_text=True)
        assert "Conversation en attente" in first and last not in first
        assert "Page 1 sur 2 du débat" in first
        assert last in client.get(f"/proposals/{proposal.id}?page=2").get_data(as_text=True)


def test_a_conversation_whose_first_comment_was_taken_down_keeps_its_place_for_its_replies(client, debate, make):
    _, proposal, alice, bob = debate
    start = utcnow() - timedelta(days=2)
    taken_down = make.comment(proposal, bob, body="Propos retiré", created_at=start)
    reply = make.comment(proposal, alice, body="Une réponse qui reste", parent=taken_down,
                         created_at=start + timedelta(minutes=1))
    taken_down.status = "rejected"
    others = [make.comment(proposal, bob, body=f"Conversation {i + 1}", created_at=start + timedelta(minutes=i + 2))
              for i in range(THREADS_PER_PAGE)]
    first = client.get(f"/proposals/{proposal.id}", headers=FR).get_data(as_text=True)
    assert "Une réponse qui reste" in first and "Propos retiré" not in first
    assert shown(first) == [f"Conversation {i + 1}" for i in range(THREADS_PER_PAGE - 1)]
    assert client.get(f"/comments/{reply.id}").headers["Location"] == f"/proposals/{proposal.id}#comment-{reply.id}"
    assert client.get(f"/comments/{others[-1].id}").headers["Location"] == \
        f"/proposals/{proposal.id}?page=2#comment-{others[-1].id}"


def test_the_databases_choice_of_comments_is_the_permissions_one(app, debate, make):
    """permissions.comments_seen_by, which pages the debate in SQL, says what can_view_comment
    says, for every status and every kind of reader."""
    from flask_login import AnonymousUserMixin

    from consult import permissions
    from consult.comments.models import STATUSES, Comment

    consultation, proposal, alice, bob = debate
    comments = [make.comment(proposal, alice, status=status) for status in STATUSES]
    territory_id = consultation.territory_id
    readers = [AnonymousUserMixin(), alice, bob, make.member(make.user(), consultation.territory, "moderator"),
               make.member(make.user(), make.territory(), "moderator")]
    for reader in readers:
        chosen = set(db.session.scalars(db.select(Comment.id).where(
            Comment.proposal_id == proposal.id, permissions.comments_seen_by(reader, territory_id, Comment))))
        assert chosen == {c.id for c in comments if permissions.can_view_comment(reader, c, territory_id)}
