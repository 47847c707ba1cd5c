"""One comment deleted twice at the same moment (two tabs, a double click), on PostgreSQL (where
requests write side by side; SQLite takes them one after the other): it leaves the count once."""
import threading
import time

import pytest

from consult.comments.models import Comment
from consult.comments.services import delete_comment
from consult.database import utcnow
from consult.extensions import db
from consult.proposals.models import Proposal


def delete_in_its_own_transaction(app, comment_id, read, hold):
    """Read the comment (as the request does, to check who may delete it), then delete it; the
    first one holds its transaction open a while before committing."""
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        assert comment.status == "published"
        read.set()
        if not hold:
            time.sleep(0.2)  # the other deletion holds the row by now
        delete_comment(comment, utcnow())
        if hold:
            time.sleep(0.5)  # the second deletion has read the comment as published meanwhile
        db.session.commit()
        db.session.remove()


def test_a_comment_deleted_twice_at_once_leaves_the_count_once(app, make, is_postgres):
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")
    proposal = make.proposal(make.consultation())
    author = make.user()
    kept, deleted = make.comment(proposal, author), make.comment(proposal, author)
    db.session.commit()
    assert db.session.get(Proposal, proposal.id).comments_count == 2
    first_read, second_read = threading.Event(), threading.Event()
    first = threading.Thread(target=delete_in_its_own_transaction, args=(app, deleted.id, first_read, True))
    first.start()
    assert first_read.wait(5)
    delete_in_its_own_transaction(app, deleted.id, second_read, False)
    first.join(5)
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).comments_count == 1
    assert db.session.get(Comment, kept.id).status == "published"


def test_a_comment_posted_while_another_leaves_the_debate_waits_and_both_succeed(app, make, is_postgres,
                                                                                  monkeypatch):
    """Posting locks the proposal's row, then its followers' notices; deleting (or hiding) a
    comment must take them in the same order, or PostgreSQL ends one of them as a deadlock."""
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")
    from consult.auth.models import User
    from consult.comments.services import post_comment
    from consult.notifications import events

    proposal = make.proposal(make.consultation(phase="proposals"))
    follower, leaving, posting = make.user(), make.user(), make.user()
    with app.test_request_context("/", method="POST"):
        post_comment(proposal, follower, "Je suis le débat de cette proposition.")  # follows it
        db.session.commit()
        gone = post_comment(db.session.get(Proposal, proposal.id), leaving, "Un commentaire bientôt effacé.")
        db.session.commit()
    ids = proposal.id, gone.id, posting.id
    counted, real = threading.Event(), events.first_published

    def slowly_told(item, actor=None):  # the new comment is counted (its proposal's row locked)
        if threading.current_thread().name == "posting":
            counted.set()
            time.sleep(0.5)
        return real(item, actor)

    monkeypatch.setattr(events, "first_published", slowly_told)
    errors = []

    def run(work):
        try:
            with app.test_request_context("/", method="POST"):
                work()
                db.session.commit()
        except Exception as error:  # noqa: BLE001 — what the request would answer with a 500
            errors.append(error)

    def post():
        post_comment(db.session.get(Proposal, ids[0]), db.session.get(User, ids[2]), "Un autre avis, en même temps.")

    def delete():
        assert counted.wait(5)
        delete_comment(db.session.get(Comment, ids[1]), utcnow())

    threads = [threading.Thread(target=run, args=(post,), name="posting"), threading.Thread(target=run, args=(delete,))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    db.session.expire_all()
    assert db.session.get(Proposal, ids[0]).comments_count == 2
