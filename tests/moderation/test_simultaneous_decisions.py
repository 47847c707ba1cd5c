"""A moderator deciding while another request changes the same thing, on PostgreSQL (where
requests write side by side; SQLite takes them one after the other): the second request decides
on what the first left, so a hidden item stays hidden and is decided on once, and an appeal is
decided once."""
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
from consult.proposals.services import NotEditable, NotWithdrawable, update_proposal, withdraw_proposal


@pytest.fixture
def race(app, is_postgres):
    """race(decide, read, change): run `decide` (a moderator's request) and `change` (another
    request, given what `read` returned before the decision was committed) side by side;
    returns what each raised, as its request would answer it: {"moderator" | "other": error}."""
    if not is_postgres:
        pytest.skip("SQLite runs one write at a time: the requests cannot overlap")

    def run(decide, read, change):
        db.session.commit()
        hidden, read_done = threading.Event(), threading.Event()
        errors = {}

        def request(name, work):
            try:
                with app.test_request_context("/", method="POST", headers={"Accept-Language": "en"}):
                    work()
                    db.session.commit()
            except Exception as error:  # noqa: BLE001 — what the request would answer with a 403 or 409
                errors[name] = error

        def moderator():
            decide()
            hidden.set()
            assert read_done.wait(5)
            time.sleep(0.5)  # the other request has read the proposal, and waits on its row

        def other():
            assert hidden.wait(5)
            before = read()
            read_done.set()
            change(before)

        threads = [threading.Thread(target=request, args=("moderator", moderator)),
                   threading.Thread(target=request, args=("other", other))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)
        db.session.expire_all()
        return errors

    return run


def published(proposal_id):
    """Read the proposal in the other request: still published, the hiding not committed yet."""
    def read():
        proposal = db.session.get(Proposal, proposal_id)
        assert proposal.status == "published"
        return proposal
    return read


def hide_by(moderator_id, proposal_id, rule="spam"):
    return lambda: act(db.session.get(User, moderator_id), load_target("proposal", proposal_id), "hide",
                       rule=rule, explanation="Publicité.")


def test_a_proposal_withdrawn_while_it_is_hidden_stays_hidden(world, client, race):
    pid, alice_id = world.proposal.id, world.alice.id
    errors = race(hide_by(world.moderator.id, pid), published(pid),
                  lambda proposal: withdraw_proposal(db.session.get(User, alice_id), proposal))
    assert list(errors) == ["other"] and isinstance(errors["other"], NotWithdrawable)  # she is refused
    assert db.session.get(Proposal, pid).status == "hidden"
    page = client.get(f"/proposals/{pid}").text
    assert "Hidden by moderation" in page and "Transformer le terrain vague" not in page


def test_a_proposal_edited_while_it_is_hidden_is_not_edited(world, race):
    """The author's new text would be shown, unreviewed, if the hiding were reversed on appeal;
    and its forbidden word would send the proposal back to the queue, to be approved."""
    world.territory.forbidden_words = "arnaque"
    pid, alice_id = world.proposal.id, world.alice.id
    errors = race(hide_by(world.moderator.id, pid), published(pid),
                  lambda proposal: update_proposal(db.session.get(User, alice_id), proposal, {
                      "title": "Un jardin partagé", "body": "Une arnaque, ce terrain vague."}))
    assert list(errors) == ["other"] and isinstance(errors["other"], NotEditable)  # she is refused
    assert errors["other"].reason == "not_allowed"
    proposal = db.session.get(Proposal, pid)
    assert (proposal.status, proposal.body) == ("hidden", "Transformer le terrain vague en jardin partagé.")


def test_two_moderators_hiding_at_once_decide_once(world, make, race):
    second = make.member(make.user(name="Max Moderator"), world.territory, "moderator")
    pid, second_id = world.proposal.id, second.id
    errors = race(hide_by(world.moderator.id, pid), published(pid),
                  lambda proposal: hide_by(second_id, pid, rule="hate")())
    assert list(errors) == ["other"] and isinstance(errors["other"], Conflict)
    assert errors["other"].message == "This contribution is already hidden."
    decisions = db.session.scalars(db.select(ModerationAction.rule).where(ModerationAction.target_id == pid)).all()
    assert decisions == ["spam"]  # one decision, in the log and on the transparency page
    told = db.session.scalars(db.select(Notification.id).where(Notification.user_id == world.alice.id,
                                                              Notification.kind == "moderation_decision")).all()
    assert len(told) == 1  # the author is told once, and may appeal once


def test_two_people_deciding_one_appeal_at_once_decide_once(world, make, race):
    """A moderator confirms the hiding while an admin reverses it: one decision, one notice."""
    from consult.moderation.decisions import create_appeal, decide_appeal
    from consult.moderation.models import Appeal

    pid = world.proposal.id
    hide_by(world.moderator.id, pid)()
    action = db.session.scalar(db.select(ModerationAction).where(ModerationAction.target_id == pid))
    appeal_id = create_appeal(world.alice, action, "C'était une vraie proposition.").id
    moderator_id, admin_id = world.moderator.id, world.admin.id

    def decide(person_id, decision):
        return lambda: decide_appeal(db.session.get(User, person_id), db.session.get(Appeal, appeal_id),
                                     decision, "Examiné.")

    def undecided():
        appeal = db.session.get(Appeal, appeal_id)
        assert appeal.decision is None  # the first decision is not committed yet
        return appeal

    errors = race(decide(moderator_id, "confirmed"), undecided, lambda appeal: decide(admin_id, "reversed")())
    assert list(errors) == ["other"] and isinstance(errors["other"], Conflict)
    assert errors["other"].message == "This appeal has already been decided."
    assert db.session.get(Appeal, appeal_id).decision == "confirmed"
    assert db.session.get(Proposal, pid).status == "hidden"  # not shown again by the second decision
    told = db.session.scalars(db.select(Notification.id).where(Notification.user_id == world.alice.id,
                                                              Notification.kind == "appeal_outcome")).all()
    assert len(told) == 1


def test_a_comment_edited_while_it_is_hidden_is_not_edited(world, make, race):
    from consult.comments.models import Comment
    from consult.comments.services import NotEditable, edit_comment
    from consult.database import utcnow

    comment_id = make.comment(world.proposal, author=world.alice, body="Un avis un peu vif.").id
    moderator_id, alice_id = world.moderator.id, world.alice.id

    def hide():
        act(db.session.get(User, moderator_id), load_target("comment", comment_id), "hide", rule="harassment",
            explanation="Propos blessants.")

    def read():
        comment = db.session.get(Comment, comment_id)
        assert comment.status == "published"  # the hiding is not committed yet
        return comment

    errors = race(hide, read, lambda comment: edit_comment(db.session.get(User, alice_id), comment,
                                                           "Un avis encore plus vif.", None, utcnow()))
    assert list(errors) == ["other"] and isinstance(errors["other"], NotEditable)
    comment = db.session.get(Comment, comment_id)
    assert (comment.status, comment.body) == ("hidden", "Un avis un peu vif.")
