"""Fixtures for moderation tests: a territory with its staff, Alice and her proposal."""
from types import SimpleNamespace

import pytest


@pytest.fixture
def world(make):
    territory = make.territory(slug="villeneuve", name="Villeneuve")
    other = make.territory(slug="autreville", name="Autreville")
    consultation = make.consultation(territory)
    alice = make.user(name="Alice Martin")
    proposal = make.proposal(consultation, alice, title="Un jardin partagé",
                             body="Transformer le terrain vague en jardin partagé.")
    residents = [make.user(name=f"Resident {i}") for i in range(3)]
    moderator = make.member(make.user(name="Mona Moderator"), territory, "moderator")
    admin = make.member(make.user(name="Theo Admin"), territory, "admin")
    outsider = make.member(make.user(name="Otto Other"), other, "moderator")
    return SimpleNamespace(territory=territory, other=other, consultation=consultation, alice=alice,
                           proposal=proposal, residents=residents, moderator=moderator, admin=admin,
                           outsider=outsider)


@pytest.fixture
def as_user(client, login):
    """Switch the signed-in person on the shared client."""
    def _as(user):
        with client.session_transaction() as session:
            session.clear()
        if user is not None:
            login(user)
        return client
    return _as
