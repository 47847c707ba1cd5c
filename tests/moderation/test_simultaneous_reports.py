"""Two reports on one item at the same moment, on PostgreSQL (where requests write side by
side; SQLite takes them one after the other): the team is told once, and the threshold that
the second one reaches hides the item."""
import threading
import time

import pytest

from consult.extensions import db
from consult.moderation.services import create_report, load_target
from consult.notifications.models import Notification


def report_in_its_own_transaction(app, reporter_id, proposal_id, first_done, hold):
    """Report the proposal in a session of its own; the first reporter waits before committing."""
    from consult.auth.models import User

    with app.app_context():
        reporter = db.session.get(User, reporter_id)
        create_report(reporter, load_target("proposal", proposal_id), "spam")
        if hold:
            first_done.set()
            time.sleep(0.5)  # the second report starts meanwhile, and must wait for this one
        db.session.commit()
        db.session.remove()


def test_two_reports_at_once_tell_the_team_once_and_reach_the_threshold(app, world, is_postgres):
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")
    world.territory.report_threshold = 2
    db.session.commit()
    first, second = world.residents[0].id, world.residents[1].id
    first_done = threading.Event()
    holder = threading.Thread(target=report_in_its_own_transaction,
                              args=(app, first, world.proposal.id, first_done, True))
    holder.start()
    assert first_done.wait(5)
    report_in_its_own_transaction(app, second, world.proposal.id, first_done, False)
    holder.join(5)

    db.session.expire_all()
    told = db.session.scalars(db.select(Notification.user_id).where(Notification.kind == "item_reported")).all()
    assert sorted(told) == sorted([world.moderator.id, world.admin.id])
    assert db.session.get(type(world.proposal), world.proposal.id).status == "hidden"
