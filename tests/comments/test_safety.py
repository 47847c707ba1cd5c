import re
from datetime import timedelta

import pytest

from consult.comments.services import thread_context
from consult.database import utcnow
from consult.extensions import db

from ..helpers import count_queries

ATTACKS = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    '[clic](javascript:alert(1))',
    '<a href="javascript:alert(1)">clic</a>',
]


@pytest.mark.parametrize("body", ATTACKS)
def test_scripts_never_reach_the_page(client, login, debate, render_thread, body):
    _, proposal, _, bob = debate
    login(bob)
    assert client.post(f"/proposals/{proposal.id}/comments", data={"body": body, "stance": "for"}).status_code == 302
    html = render_thread(proposal)
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert not re.search(r"<[a-z][^>]*\bonerror\s*=", lowered)
    assert not re.search(r"<a[^>]*href=\"?javascript:", lowered)


def test_author_name_is_escaped(client, login, make, debate, render_thread):
    _, proposal, _, _ = debate
    evil = make.user(name='<script>alert("n")</script>')
    make.comment(proposal, evil, stance="for")
    html = render_thread(proposal)
    assert '<script>alert("n")' not in html and "&lt;script&gt;" in html


def _count_queries(proposal, user, render_thread):
    db.session.commit()  # each count starts a new transaction (and expires what was loaded)
    if user is not None:
        user.__dict__.pop("_roles", None)  # a new request knows nothing of the person's roles yet
    with count_queries() as counter:
        render_thread(db.session.get(type(proposal), proposal.id), user)
    return counter.count


def _fill(make, proposal, people, n):
    parents = []
    for i in range(n):
        parent = parents[i % len(parents)] if parents and i % 3 else None
        if parent is not None and parent.depth >= 3:
            parent = None
        c = make.comment(proposal, people[i % len(people)], body=f"Commentaire {i}",
                         stance=("for", "against", None)[i % 3], parent=parent,
                         created_at=utcnow() - timedelta(minutes=n - i))
        parents.append(c)
    make.comment(proposal, people[0], status="hidden")
    make.comment(proposal, people[1], status="deleted")


def test_thread_queries_are_bounded(make, render_thread):
    consultation = make.consultation(phase="proposals")
    people = [make.user() for _ in range(5)]
    viewer = make.member(make.user(), consultation.territory, "moderator")
    small, large = make.proposal(consultation), make.proposal(consultation)
    _fill(make, small, people, 5)
    _fill(make, large, people + [make.user() for _ in range(20)], 50)
    for user in (None, viewer):
        assert _count_queries(small, user, render_thread) == _count_queries(large, user, render_thread)


def test_thread_context_reads_one_page_of_the_debate_in_a_few_queries(app, make):
    consultation = make.consultation(phase="proposals")
    proposal = make.proposal(consultation)
    people = [make.user() for _ in range(4)]
    _fill(make, proposal, people, 12)
    proposal = db.session.get(type(proposal), proposal.id)
    proposal.consultation  # noqa: B018 - loaded by the proposal page already
    with count_queries() as counter, app.test_request_context("/"):
        from flask_login import AnonymousUserMixin
        ctx = thread_context(proposal, AnonymousUserMixin(), utcnow())
    # the conversations (how many, and the page's), their comments with their authors, the hide
    # reasons, the published comments by stance, the newest arguments for and against, the
    # authors' staff roles
    assert counter.count == 8
    assert ctx["comments_published_count"] == 12
