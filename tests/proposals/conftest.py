"""Fixtures of the proposals tests: a consultation open for proposals, many proposals at once."""
import pytest

from consult.extensions import db


@pytest.fixture
def client(app):
    """Pages in English by default, so that assertions read the English texts whether or not
    the French catalog is compiled; send `Accept-Language` to see another language."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def open_consultation(make):
    consultation = make.consultation(phase="proposals")
    make.category(consultation)
    return consultation


@pytest.fixture
def many(make):
    """many(consultation, n, author=None, **fields): n published proposals in one commit."""
    from consult.proposals.models import Proposal
    from consult.text import search_text

    def _many(consultation, n, author=None, **fields):
        author = author or make.user()
        rows = []
        for i in range(n):
            title = f"Proposition numéro {i:03d}"
            body = "Un corps de proposition assez long pour être valable."
            rows.append(Proposal(consultation=consultation, author=author, title=title, body=body,
                                 search_text=search_text(title, body), random_key=(i * 7919) % 100003,
                                 **fields))
        db.session.add_all(rows)
        db.session.commit()
        return rows
    return _many
