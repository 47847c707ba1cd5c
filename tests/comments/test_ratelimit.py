"""Posting and editing comments share the app's POST_RATE_LIMIT, per address and per account;
reading is never limited."""
import pytest

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
    assert "You did this too many times in a short while. You may try again in 1 minute." in response.text
    assert client.get(f"/proposals/{proposal.id}").status_code == 200  # reading is never limited


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
