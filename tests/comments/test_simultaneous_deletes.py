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
