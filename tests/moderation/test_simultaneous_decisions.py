"""A moderator hiding an item while another request changes it, on PostgreSQL (where requests
write side by side; SQLite takes them one after the other): the second request decides on what
the moderator left, so a hidden item stays hidden and is decided on once."""
import threading
import time

import pytest

from consult.auth.models import User
from consult.extensions import db
from consult.moderation.decisions import act
from consult.moderation.models import ModerationAction
from consult.moderation.services import Conflict, load_target
from consult.notifications.models import Notification
from consult.proposals.models import Proposal
from consult.proposals.services import NotWithdrawable, update_proposal, withdraw_proposal


@pytest.fixture
def race(app, is_postgres):
    """race(proposal_id, hide, change): run `hide` (a moderator's request) and `change` (another
    request, given the proposal as it read it before the hiding was committed) side by side;
    returns what each raised, as its request would answer it: {"moderator" | "other": error}."""
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")

    def run(proposal_id, hide, change):
        db.session.commit()
        hidden, read = threading.Event(), threading.Event()
        errors = {}

        def request(name, work):
            try:
                with app.test_request_context("/", method="POST", headers={"Accept-Language": "en"}):
                    work()
                    db.session.commit()
            except Exception as error:  # noqa: BLE001 — what the request would answer with a 403 or 409
                errors[name] = error

        def moderator():
            hide()
            hidden.set()
            assert read.wait(5)
            time.sleep(0.5)  # the other request has read the proposal, and waits on its row

        def other():
            assert hidden.wait(5)
            proposal = db.session.get(Proposal, proposal_id)
            assert proposal.status == "published"  # the hiding is not committed yet
            read.set()
            change(proposal)

        threads = [threading.Thread(target=request, args=("moderator", moderator)),
                   threading.Thread(target=request, args=("other", other))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)
        db.session.expire_all()
        return errors

    return run


def hide_by(moderator_id, proposal_id, rule="spam"):
    return lambda: act(db.session.get(User, moderator_id), load_target("proposal", proposal_id), "hide",
                       rule=rule, explanation="Publicité.")


def test_a_proposal_withdrawn_while_it_is_hidden_stays_hidden(world, client, race):
    pid, alice_id = world.proposal.id, world.alice.id
    errors = race(pid, hide_by(world.moderator.id, pid),
                  lambda proposal: withdraw_proposal(db.session.get(User, alice_id), proposal))
    assert list(errors) == ["other"] and isinstance(errors["other"], NotWithdrawable)  # she is refused
    assert db.session.get(Proposal, pid).status == "hidden"
    page = client.get(f"/proposals/{pid}").text
    assert "Hidden by moderation" in page and "Transformer le terrain vague" not in page


def test_a_proposal_edited_while_it_is_hidden_stays_hidden(world, race):
    """The edit has a forbidden word: it would send a published proposal back to the queue."""
    world.territory.forbidden_words = "arnaque"
    pid = world.proposal.id
    errors = race(pid, hide_by(world.moderator.id, pid),
                  lambda proposal: update_proposal(proposal, {"title": "Un jardin partagé",
                                                              "body": "Une arnaque, ce terrain."}))
    assert errors == {}
    assert db.session.get(Proposal, pid).status == "hidden"  # not back in the queue, to be approved


def test_two_moderators_hiding_at_once_decide_once(world, make, race):
    second = make.member(make.user(name="Max Moderator"), world.territory, "moderator")
    pid, second_id = world.proposal.id, second.id
    errors = race(pid, hide_by(world.moderator.id, pid), lambda proposal: hide_by(second_id, pid, rule="hate")())
    assert list(errors) == ["other"] and isinstance(errors["other"], Conflict)
    assert errors["other"].message == "This contribution is already hidden."
    decisions = db.session.scalars(db.select(ModerationAction.rule).where(ModerationAction.target_id == pid)).all()
    assert decisions == ["spam"]  # one decision, in the log and on the transparency page
    told = db.session.scalars(db.select(Notification.id).where(Notification.user_id == world.alice.id,
                                                              Notification.kind == "moderation_decision")).all()
    assert len(told) == 1  # the author is told once, and may appeal once
