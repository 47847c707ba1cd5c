"""Posting and editing comments share the app's POST_RATE_LIMIT, per address and per account;
reading is never limited."""
import re

import pytest
from sqlalchemy import select

from consult.comments.models import Comment
from consult.extensions import db
from tests.factories import Factory


@pytest.fixture
def limited(limited_app_with):
    """A client of an app with a post limit of 3 a minute, and a resident signed in on it,
    with a proposal to comment on."""
    app = limited_app_with(POST_RATE_LIMIT="3 per minute")
    make = Factory()
    proposal = make.proposal(make.consultation(phase="proposals"), make.user())
    bob = make.user(name="Bob Durand")
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = make.signed_in(bob).get_id(), True
    return client, make, proposal, bob


def test_the_fourth_comment_in_a_minute_is_429(limited):
    client, _, proposal, _ = limited
    url = f"/proposals/{proposal.id}/comments"
    codes = [client.post(url, data={"body": f"Commentaire {i}"}).status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]
    response = client.post(url, data={"body": "Encore un"})
    assert response.status_code == 429
    assert "What you wrote is kept below: you may send it in 1 minute." in response.text
    assert client.get(f"/proposals/{proposal.id}").status_code == 200  # reading is never limited


def test_over_the_limit_the_comment_written_is_shown_again_not_lost(limited):
    client, make, proposal, bob = limited
    url = f"/proposals/{proposal.id}/comments"
    for i in range(3):
        client.post(url, data={"body": f"Commentaire {i}"})
    text = "Un long commentaire, écrit avec soin, sur les arbres de la rue & les bancs."
    response = client.post(url, data={"body": text, "stance": "for"}, headers={"Accept-Language": "fr"})
    assert response.status_code == 429
    page = response.text
    assert "Un long commentaire, écrit avec soin, sur les arbres de la rue &amp; les bancs.</textarea>" in page
    assert re.search(r'<input checked[^>]*value="for"', page)
    assert ("Vous avez beaucoup envoyé en peu de temps. Ce que vous avez écrit est gardé ci-dessous\u00a0: "
            "vous pourrez l’envoyer dans 1\u00a0minute.") in page
    db.session.expire_all()
    assert db.session.scalars(select(Comment.body).where(Comment.proposal_id == proposal.id)
                              .order_by(Comment.id)).all() == [f"Commentaire {i}" for i in range(3)]


def test_a_refused_edit_keeps_the_new_version_on_screen_and_the_old_one_saved(limited):
    client, make, proposal, bob = limited
    comment = make.comment(proposal, bob, body="Première version du commentaire")
    url = f"/comments/{comment.id}/edit"
    for i in range(3):
        client.post(url, data={"body": f"Version {i} du commentaire"})
    response = client.post(url, data={"body": "Version corrigée, plus claire"})
    assert response.status_code == 429
    assert "Version corrigée, plus claire</textarea>" in response.text
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).body == "Version 2 du commentaire"


def test_editing_a_comment_is_limited_too(limited):
    client, make, proposal, bob = limited
    comment = make.comment(proposal, bob)
    url = f"/comments/{comment.id}/edit"
    codes = [client.post(url, data={"body": f"Version {i}"}).status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]
    assert client.get(url).status_code == 200


def test_the_account_s_quota_follows_it_to_another_address(limited):
    client, _, proposal, _ = limited
    url = f"/proposals/{proposal.id}/comments"
    codes = [client.post(url, data={"body": f"Commentaire {i}"},
                         environ_base={"REMOTE_ADDR": f"192.0.2.{i + 1}"}).status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]
