"""The review queue at scale: its order, counts and pages, read in the same few statements from
indexes that hold only what awaits a decision, however many comments and reports there are."""
import re
from datetime import timedelta

import pytest

from consult.database import utcnow
from consult.extensions import db
from consult.moderation import views
from consult.moderation.models import Report

from ..helpers import count_page_queries, page_query_plans


def _report(world, target, reporter, at, status="open"):
    """A report of `target` (a proposal or comment of Villeneuve) made at `at`."""
    db.session.add(Report(territory_id=world.territory.id, reporter_id=reporter.id,
                          target_type=type(target).__name__.lower(), target_id=target.id, reason="spam",
                          status=status, created_at=at))
    db.session.commit()


def _queue(client, url):
    """The items of a page of the queue as the moderator reads them, in order: (type, id, badges)."""
    html = client.get(url).get_data(as_text=True)
    items = []
    for card in html.split('<li class="card moderation-item"')[1:]:
        target_type, target_id = re.search(r"/moderation/item/(\w+)/(\d+)", card).groups()
        badges = re.findall(r'<span class="badge(?: badge-accent)?">(\d+ open reports?|Awaiting approval)</span>',
                            card)
        items.append((target_type, int(target_id), *badges))
    return items


def test_the_most_reported_come_first_then_the_longest_waiting_page_after_page(world, make, as_user, client,
                                                                                monkeypatch):
    now, (ana, ben, cleo) = utcnow(), world.residents
    older = make.proposal(world.consultation, ben, title="Signalée trois fois, plus tard")
    comment = make.comment(world.proposal, ben, body="Signalé trois fois, plus tôt")
    waiting = make.proposal(world.consultation, ben, title="En attente et signalée", status="pending",
                            created_at=now - timedelta(days=9))
    old_comment = make.comment(world.proposal, ben, status="pending", created_at=now - timedelta(days=3))
    new_proposal = make.proposal(world.consultation, ben, status="pending", created_at=now - timedelta(days=1))
    make.comment(world.proposal, ben, body="Rien à signaler")
    for i, reporter in enumerate((ana, cleo, world.alice)):
        _report(world, older, reporter, now - timedelta(hours=1 + i))
        _report(world, comment, reporter, now - timedelta(hours=5 + i))
    _report(world, older, world.moderator, now - timedelta(days=20), status="dismissed")  # settled: not counted
    _report(world, waiting, ana, now - timedelta(hours=2))  # one item, counted and dated by its report
    monkeypatch.setattr(views, "PER_PAGE", 2)
    as_user(world.moderator)

    assert "5 items to review" in client.get("/moderation/").text
    pages = [_queue(client, f"/moderation/?page={page}") for page in (1, 2, 3)]
    assert pages == [
        [("comment", comment.id, "3 open reports"), ("proposal", older.id, "3 open reports")],
        [("proposal", waiting.id, "1 open report", "Awaiting approval"),
         ("comment", old_comment.id, "Awaiting approval")],
        [("proposal", new_proposal.id, "Awaiting approval")],
    ]
    assert _queue(client, f"/moderation/?page=2&territory={world.territory.id}") == pages[1]


def test_the_queue_costs_the_same_statements_however_many_reports_and_comments(world, make, as_user, client):
    def queue_statements(page=1):
        as_user(world.moderator)
        return count_page_queries(client, f"/moderation/?page={page}")

    reporters = [make.user() for _ in range(8)]
    now = utcnow()
    proposal = make.proposal(world.consultation, world.residents[0], title="Signalée")
    _report(world, proposal, reporters[0], now)
    _report(world, make.comment(world.proposal, world.residents[1]), reporters[0], now)
    make.comment(world.proposal, world.residents[2], status="pending")
    few = queue_statements()
    for i in range(30):
        author = world.residents[i % 3]
        make.comment(world.proposal, author, status="pending" if i % 2 else "published")
        reported = make.comment(proposal, author) if i % 3 else make.proposal(world.consultation, author)
        for reporter in reporters[:1 + i % 8]:
            _report(world, reported, reporter, now - timedelta(minutes=i),
                    status="open" if i % 4 else "resolved")
    assert queue_statements() == queue_statements(page=2) == few  # proposals and comments on each page


def test_the_queue_reads_only_the_comments_and_reports_awaiting_a_decision(world, make, as_user, client,
                                                                           is_postgres):
    """Not every comment, nor every report ever settled, of the territory: the pending comments and
    the open reports have partial indexes of their own, which SQLite picks without statistics."""
    if is_postgres:
        pytest.skip("the plans read are SQLite's")
    for i in range(20):
        comment = make.comment(world.proposal, world.residents[i % 3], status="pending" if i % 5 else "published")
        _report(world, comment, world.residents[(i + 1) % 3], utcnow(), status="open" if i % 2 else "resolved")
    as_user(world.moderator)
    plans = [step for steps in page_query_plans(client, "/moderation/") for step in steps]
    comments = [step for step in plans if re.match(r"(SCAN|SEARCH) comment\b", step)]
    reports = [step for step in plans if re.match(r"(SCAN|SEARCH) report\b", step)]
    assert any("ix_comment_pending" in step for step in comments)
    assert all("ix_comment_pending" in step or "PRIMARY KEY" in step for step in comments), comments
    assert any("ix_report_open" in step for step in reports)
    # besides the open reports, only those of the page's items, by item
    assert all("ix_report_open" in step or "ix_report_target (target_type=? AND target_id=?" in step
               for step in reports), reports


def test_deciding_the_last_item_of_the_last_page_leads_to_the_page_before_not_to_an_empty_queue(
        world, make, as_user, client, monkeypatch):
    for i in range(3):
        make.proposal(world.consultation, world.residents[0], title=f"Idée {i}", status="pending")
    monkeypatch.setattr(views, "PER_PAGE", 2)
    as_user(world.moderator)
    queue = f"/moderation/?page=2&territory={world.territory.id}"
    [(target_type, target_id)] = [item[:2] for item in _queue(client, queue)]
    response = client.post("/moderation/act", data={"target_type": target_type, "target_id": target_id,
                                                     "action": "approve", "next": queue}, follow_redirects=True)
    assert response.request.full_path == f"/moderation/?page=1&territory={world.territory.id}"
    assert "Decision recorded: Approved." in response.text
    assert "2 items to review" in response.text and "Nothing to review" not in response.text
    assert len(_queue(client, response.request.full_path)) == 2
