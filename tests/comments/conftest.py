import pytest
from flask import render_template
from flask_login import AnonymousUserMixin

from consult.comments.services import thread_context
from consult.database import utcnow
from consult.extensions import db


@pytest.fixture
def debate(make):
    """A consultation in its proposals phase, one proposal and two residents."""
    consultation = make.consultation(phase="proposals")
    author = make.user(name="Alice Martin")
    proposal = make.proposal(consultation, author)
    bob = make.user(name="Bob Durand")
    return consultation, proposal, author, bob


@pytest.fixture
def render_thread(app):
    """Render templates/comments/_thread.html for `user` (None: a visitor), as the proposal page does."""
    def _render(proposal, user=None):
        with app.test_request_context("/", headers={"Accept-Language": "en"}):
            from flask_login import login_user
            if user is not None:
                login_user(user)
            viewer = user if user is not None else AnonymousUserMixin()
            ctx = thread_context(proposal, viewer, utcnow())
            return render_template("comments/_thread.html", **ctx)
    return _render


@pytest.fixture
def fresh(app):
    def _fresh(obj):
        db.session.expire_all()
        return db.session.get(type(obj), obj.id)
    return _fresh
