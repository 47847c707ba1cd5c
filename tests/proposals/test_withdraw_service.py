"""Withdrawing a proposal, as the site and the API both ask the service: once, by its author."""
import pytest

from consult.extensions import db
from consult.notifications.models import Notification
from consult.notifications.services import follow
from consult.proposals.services import NotWithdrawable, withdraw_proposal


@pytest.fixture
def proposal(make):
    return make.proposal(make.consultation(phase="proposals"))


def test_the_author_withdraws_once_and_a_repeat_changes_nothing(make, proposal):
    follower = make.user()
    follow(follower, "proposal", proposal.id)
    assert withdraw_proposal(proposal.author, proposal) is True
    db.session.commit()
    withdrawn_at = proposal.withdrawn_at
    assert proposal.status == "withdrawn" and withdrawn_at is not None

    assert withdraw_proposal(proposal.author, proposal) is False  # the request repeated
    db.session.commit()
    assert proposal.status == "withdrawn" and proposal.withdrawn_at == withdrawn_at
    told = db.session.scalars(db.select(Notification).where(Notification.user_id == follower.id)).all()
    assert len(told) == 1  # the followers are told once


@pytest.mark.parametrize("status", ["published", "withdrawn", "pending", "hidden"])
def test_nobody_else_withdraws_and_the_author_only_a_published_one(make, proposal, status):
    proposal.status = status
    db.session.commit()
    with pytest.raises(NotWithdrawable):
        withdraw_proposal(make.user(), proposal)
    if status in ("pending", "hidden"):  # withdrawing would publish it past the moderators
        with pytest.raises(NotWithdrawable):
            withdraw_proposal(proposal.author, proposal)
    db.session.rollback()
    assert db.session.get(type(proposal), proposal.id).status == status


@pytest.mark.parametrize("phase, status", [("results", "published"), ("vote", "archived")])
def test_not_once_the_vote_is_over(make, phase, status):
    proposal = make.proposal(make.consultation(phase=phase, status=status))
    with pytest.raises(NotWithdrawable) as refused:
        withdraw_proposal(proposal.author, proposal)
    assert refused.value.reason == "closed"
    assert proposal.status == "published"
