"""Fixtures for the votes tests."""
import pytest

from consult.extensions import db
from consult.votes.models import Participation, Vote


@pytest.fixture
def vote_setup(make):
    """A consultation in its vote phase, one proposal, one signed-up resident."""
    def _setup(**settings):
        consultation = make.consultation(phase=settings.pop("phase", "vote"), **settings)
        proposal = make.proposal(consultation)
        voter = make.user()
        return consultation, proposal, voter
    return _setup


@pytest.fixture
def counts():
    """(for, against, abstain, number of Vote rows) of a proposal, read from the database."""
    def _counts(proposal):
        db.session.expire_all()
        return (proposal.votes_for, proposal.votes_against, proposal.votes_abstain,
                db.session.scalar(db.select(db.func.count(Vote.id)).where(Vote.proposal_id == proposal.id)))
    return _counts


@pytest.fixture
def used():
    def _used(user, consultation):
        db.session.expire_all()
        return db.session.scalar(db.select(Participation.votes_used).where(
            Participation.user_id == user.id, Participation.consultation_id == consultation.id)) or 0
    return _used


@pytest.fixture
def spent(client, login, vote_setup, make):
    """A voter who used their only vote on `proposal`; `other` is still open to votes."""
    consultation, proposal, voter = vote_setup(max_votes=1)
    other = make.proposal(consultation, title="Un autre projet")
    login(voter)
    assert client.post(f"/proposals/{proposal.id}/vote", data={"value": "1"}).status_code == 302
    return consultation, proposal, other, voter


def close_proposal(proposal, status):
    """The proposal withdrawn, hidden, rejected… (as its author or moderation would)."""
    proposal.status = status
    db.session.commit()
