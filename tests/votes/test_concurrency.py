"""Exact counts under concurrency, against a real gunicorn process (2 workers × 4 threads).

Runs on a temporary SQLite file, and on PostgreSQL when TEST_DATABASE_URL is set. CSRF is
on, as in production: each simulated person has a signed session and its CSRF token.
"""
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from consult import create_app
from consult.api.auth import create_token
from consult.extensions import db
from consult.proposals.models import Proposal
from consult.auth.models import User
from consult.votes.models import Participation, Vote

from ..conftest import app_settings
from ..factories import Factory
from ..helpers import stop_process
from .live import SECRET, post, put_json, signed_session, start_server


@pytest.fixture(scope="module")
def live(database_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live")
    url = database_url if database_url.startswith("postgresql") else f"sqlite:///{tmp / 'live.db'}"
    app = create_app(app_settings(url, SECRET_KEY=SECRET, WTF_CSRF_ENABLED=True, UPLOAD_FOLDER=str(tmp / "uploads")))
    with app.app_context():
        db.create_all()
        db.session.commit()
    process, base = start_server(url, tmp / "server.log")
    try:
        yield app, base
    finally:
        stop_process(process)
        with app.app_context():
            db.session.remove()
            if url.startswith("postgresql"):
                tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
                with db.engine.begin() as conn:
                    conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            db.engine.dispose()


def _setup(app, people, proposals=1, **settings):
    make = Factory()
    with app.app_context():
        consultation = make.consultation(phase="vote", **settings)
        items = [make.proposal(consultation) for _ in range(proposals)]
        users = [make.signed_in(make.user()) for _ in range(people)]
        sessions = [signed_session(app, u) for u in users]
        return consultation.id, [p.id for p in items], [u.id for u in users], sessions


def _all_at_once(jobs):
    """Run the callables in parallel threads released together by a barrier."""
    barrier = threading.Barrier(len(jobs))

    def run(job):
        barrier.wait(timeout=30)
        return job()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def _state(app, consultation_id, proposal_ids, user_id=None):
    with app.app_context():
        votes_for = {p.id: p.votes_for for p in db.session.scalars(
            db.select(Proposal).where(Proposal.id.in_(proposal_ids)))}
        rows = db.session.scalar(db.select(db.func.count(Vote.id)).where(Vote.proposal_id.in_(proposal_ids)))
        used = None
        if user_id is not None:
            used = db.session.scalar(db.select(Participation.votes_used).where(
                Participation.user_id == user_id, Participation.consultation_id == consultation_id))
        db.session.remove()
        return votes_for, rows, used


def _vote_job(base, proposal_id, session):
    cookie, token = session
    return lambda: post(f"{base}/proposals/{proposal_id}/vote", cookie, {"value": "1", "csrf_token": token})


def test_fifty_people_at_once_give_fifty(live):
    app, base = live
    cid, (pid,), users, sessions = _setup(app, 50)
    statuses = _all_at_once([_vote_job(base, pid, s) for s in sessions])
    assert statuses == [302] * 50
    votes_for, rows, _ = _state(app, cid, [pid])
    assert votes_for[pid] == 50 and rows == 50


def test_one_person_twenty_times_gives_one(live):
    app, base = live
    cid, (pid,), (uid,), (session,) = _setup(app, 1, max_votes=5)
    statuses = _all_at_once([_vote_job(base, pid, session) for _ in range(20)])
    assert sorted(statuses) == [302] + [409] * 19
    votes_for, rows, used = _state(app, cid, [pid], uid)
    assert votes_for[pid] == 1 and rows == 1 and used == 1


def test_limit_holds_with_parallel_votes_on_different_proposals(live):
    app, base = live
    cid, pids, (uid,), (session,) = _setup(app, 1, proposals=10, max_votes=3)
    statuses = _all_at_once([_vote_job(base, pid, session) for pid in pids])
    assert sorted(statuses) == [302] * 3 + [409] * 7
    votes_for, rows, used = _state(app, cid, pids, uid)
    assert sum(votes_for.values()) == 3 and rows == 3 and used == 3


def test_csrf_is_enforced_by_the_real_server(live):
    app, base = live
    cid, (pid,), users, ((cookie, token),) = _setup(app, 1)
    assert post(f"{base}/proposals/{pid}/vote", cookie, {"value": "1"}) == 400
    assert post(f"{base}/proposals/{pid}/vote", cookie, {"value": "1", "csrf_token": "forged"}) == 400
    votes_for, rows, _ = _state(app, cid, [pid])
    assert votes_for[pid] == 0 and rows == 0


def _api_token(app, user_id):
    with app.app_context():
        _token, raw = create_token(db.session.get(User, user_id), "concurrency", "write")
        db.session.commit()
        db.session.remove()
        return raw


def test_the_api_counts_as_exactly_as_the_site(live):
    """Through the API too: twenty identical votes at once count once (each answered as the
    first), and parallel votes on different proposals never pass the limit."""
    app, base = live
    cid, pids, (uid,), _ = _setup(app, 1, proposals=10, max_votes=3)
    token = _api_token(app, uid)

    def vote(pid):
        return lambda: put_json(f"{base}/api/v1/proposals/{pid}/vote", token, {"value": 1})

    assert _all_at_once([vote(pids[0]) for _ in range(20)]) == [200] * 20
    assert _state(app, cid, pids, uid) == ({**dict.fromkeys(pids, 0), pids[0]: 1}, 1, 1)
    statuses = _all_at_once([vote(pid) for pid in pids[1:]])
    assert sorted(statuses) == [200] * 2 + [409] * 7
    votes_for, rows, used = _state(app, cid, pids, uid)
    assert sum(votes_for.values()) == 3 and rows == 3 and used == 3
