import re
from html import unescape

import pytest

from consult.comments.models import Comment
from consult.extensions import db
from consult.notifications.models import Notification


def comments_of(proposal):
    return db.session.scalars(db.select(Comment).where(Comment.proposal_id == proposal.id)
                              .order_by(Comment.id)).all()


def post(client, proposal, **data):
    data.setdefault("follow", "y")
    return client.post(f"/proposals/{proposal.id}/comments", data=data)


def test_resident_posts_a_comment_with_a_stance(client, login, debate, fresh, render_thread):
    _, proposal, alice, bob = debate
    login(bob)
    response = post(client, proposal, body="Une **très** bonne idée.", stance="for")
    assert response.status_code == 302
    [comment] = comments_of(proposal)
    assert response.headers["Location"].endswith(f"/proposals/{proposal.id}#comment-{comment.id}")
    assert (comment.status, comment.stance, comment.depth, comment.author_id) == ("published", "for", 1, bob.id)
    assert fresh(proposal).comments_count == 1
    # The proposal's author is told.
    assert db.session.scalar(db.select(db.func.count(Notification.id))
                             .where(Notification.user_id == alice.id)) == 1
    html = render_thread(fresh(proposal))
    assert "<strong>très</strong>" in html
    assert "Bob Durand" in html and "For</span>" in html
    assert 'class="two-columns arguments"' in html


def test_no_stance_is_allowed(client, login, debate):
    _, proposal, _, bob = debate
    login(bob)
    assert post(client, proposal, body="Sans avis tranché.").status_code == 302
    assert comments_of(proposal)[0].stance is None


def test_a_comment_is_in_the_language_of_the_page_it_is_written_on(client, login, debate):
    """Someone with no saved language, on the English pages: the French page marks their comment
    English, for screen readers, as it marks their proposals."""
    _, proposal, _, bob = debate
    login(bob)
    client.post(f"/proposals/{proposal.id}/comments", data={"body": "A very good idea.", "follow": "y"},
                headers={"Accept-Language": "en"})
    page = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "fr"}).text
    assert '<div class="markdown comment-body" lang="en"><p>A very good idea.</p>' in page


@pytest.mark.parametrize("stance", ["for", "against", "neutral"])
def test_every_stance(client, login, debate, stance):
    _, proposal, _, bob = debate
    login(bob)
    assert post(client, proposal, body="Mon avis.", stance=stance).status_code == 302
    assert comments_of(proposal)[0].stance == stance


@pytest.mark.parametrize("data, message", [
    ({"body": "Bien", "stance": "maybe"}, "Choose for, against, neutral or no stance."),
    ({"body": ""}, "Write your comment."),
    ({"body": "x"}, "too short"),
    ({"body": "x" * 5001}, "Your comment is too long: 5,000 characters at most."),
])
def test_bad_input_is_refused_and_nothing_saved(client, login, debate, fresh, data, message):
    _, proposal, _, bob = debate
    login(bob)
    response = post(client, proposal, **data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert comments_of(proposal) == []
    assert fresh(proposal).comments_count == 0


def test_longest_body_is_accepted(client, login, debate):
    _, proposal, _, bob = debate
    login(bob)
    assert post(client, proposal, body="x" * 5000).status_code == 302


def test_replies_nest_up_to_three_levels(client, login, debate, make, fresh):
    _, proposal, alice, bob = debate
    login(bob)
    top = make.comment(proposal, alice)
    assert post(client, proposal, body="Réponse", parent_id=top.id).status_code == 302
    second = comments_of(proposal)[-1]
    assert second.depth == 2 and second.parent_id == top.id
    assert post(client, proposal, body="Réponse 3", parent_id=second.id).status_code == 302
    third = comments_of(proposal)[-1]
    assert third.depth == 3
    response = post(client, proposal, body="Trop profond", parent_id=third.id)
    assert response.status_code == 422
    assert "Replies nest up to 3 levels" in response.get_data(as_text=True)
    assert len(comments_of(proposal)) == 3
    assert fresh(proposal).comments_count == 3


def test_reply_to_a_comment_of_another_proposal_is_refused(client, login, debate, make):
    consultation, proposal, alice, bob = debate
    other = make.comment(make.proposal(consultation, alice), alice, body="Sur une autre proposition")
    login(bob)
    response = post(client, proposal, body="Réponse", parent_id=other.id)
    assert response.status_code == 422
    assert "The comment you answered is no longer available." in response.text
    assert "Sur une autre proposition" not in response.text
    assert comments_of(proposal) == []


@pytest.mark.parametrize("parent_id", ["99999999999999999999", "2147483648", "²", "0", "-1", "abc"])
def test_a_reply_to_a_comment_that_cannot_exist_is_refused(client, login, debate, parent_id):
    _, proposal, _, bob = debate
    login(bob)
    response = post(client, proposal, body="Réponse", parent_id=parent_id)
    assert response.status_code == 422
    assert "This comment does not exist." in response.text
    assert comments_of(proposal) == []


WRITTEN = "Une longue réponse argumentée, écrite pendant vingt minutes."


def given_back(html):
    """The form of the page: where it sends, and what it sends (the comment replied to, the text)."""
    form = re.search(r'<form method="post" action="(/proposals/\d+/comments)".*?</form>', html, re.S)
    parent_id = re.search(r'<input id="comment-parent" name="parent_id" type="hidden" value="([^"]*)">', form[0])[1]
    body = re.search(r'<textarea [^>]*name="body"[^>]*>(.*?)</textarea>', form[0], re.S)[1]
    return form[1], {"parent_id": parent_id, "body": unescape(body).strip()}


@pytest.mark.parametrize("status", ["deleted", "hidden"])
def test_a_reply_to_a_comment_taken_down_meanwhile_can_still_be_published_as_a_comment(
        client, login, debate, make, status):
    """Its author deleted it, or a moderator hid it, while the reply was being written: what was
    written is not lost, and goes to the debate as a new comment (without JavaScript too)."""
    _, proposal, alice, bob = debate
    top = make.comment(proposal, alice, status=status)
    login(bob)
    response = post(client, proposal, body=WRITTEN, parent_id=top.id)
    assert response.status_code == 422
    assert "This comment can no longer receive replies." in response.text
    action, fields = given_back(response.text)
    assert fields == {"parent_id": "", "body": WRITTEN}
    assert client.post(action, data=fields).status_code == 302
    comment = comments_of(proposal)[-1]
    assert (comment.body, comment.parent_id, comment.status) == (WRITTEN, None, "published")


def test_a_reply_to_a_comment_held_back_meanwhile_can_still_be_published_as_a_comment(client, login, debate, make):
    """Back in moderation while the reply was being written: nothing of it is shown, the text is."""
    _, proposal, alice, bob = debate
    top = make.comment(proposal, alice, body="Le commentaire retenu", status="pending")
    login(bob)
    response = post(client, proposal, body=WRITTEN, parent_id=top.id)
    assert response.status_code == 422
    assert "The comment you answered is no longer available." in response.text
    assert "Le commentaire retenu" not in response.text
    action, fields = given_back(response.text)
    assert fields == {"parent_id": "", "body": WRITTEN}
    assert client.post(action, data=fields).status_code == 302
    assert comments_of(proposal)[-1].body == WRITTEN


def test_anonymous_is_sent_to_login(client, debate):
    _, proposal, _, _ = debate
    response = post(client, proposal, body="Bonjour")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert comments_of(proposal) == []


def test_unconfirmed_account_is_403(client, login, debate, make):
    _, proposal, _, _ = debate
    login(make.user(confirmed=False))
    assert post(client, proposal, body="Bonjour").status_code == 403
    assert comments_of(proposal) == []


def test_comments_disabled_is_403(client, login, make):
    consultation = make.consultation(phase="proposals", comments_enabled=False)
    proposal = make.proposal(consultation)
    login(make.user())
    assert post(client, proposal, body="Bonjour").status_code == 403


@pytest.mark.parametrize("phase", ["results", None])
def test_closed_phase_is_403(client, login, make, phase):
    proposal = make.proposal(make.consultation(phase=phase))
    login(make.user())
    assert post(client, proposal, body="Bonjour").status_code == 403


def test_pending_comment_is_seen_by_its_author_only(client, login, make, fresh, render_thread):
    consultation = make.consultation(phase="vote", premoderate_comments=True)
    alice, bob, carol = make.user(), make.user(name="Bob Durand"), make.user()
    proposal = make.proposal(consultation, alice)
    login(bob)
    response = post(client, proposal, body="Mon avis modéré")
    assert response.status_code == 302
    [comment] = comments_of(proposal)
    assert comment.status == "pending"
    assert fresh(proposal).comments_count == 0
    assert "Mon avis modéré" in render_thread(fresh(proposal), bob)
    assert "Awaiting moderation" in render_thread(fresh(proposal), bob)
    assert "Mon avis modéré" not in render_thread(fresh(proposal), carol)
    assert "Mon avis modéré" not in render_thread(fresh(proposal))
    moderator = make.member(make.user(), consultation.territory, "moderator")
    assert "Mon avis modéré" in render_thread(fresh(proposal), moderator)


def test_a_forbidden_word_in_markdown_holds_the_comment_back(client, login, make, fresh, render_thread):
    """'conn**a**rd' shows 'connard' on the page: the comment waits for a moderator."""
    consultation = make.consultation(phase="vote", territory=make.territory(forbidden_words="connard"))
    proposal = make.proposal(consultation, make.user())
    login(make.user())
    assert post(client, proposal, body="Le maire est un conn**a**rd.").status_code == 302
    assert [c.status for c in comments_of(proposal)] == ["pending"]
    assert "connard" not in render_thread(fresh(proposal))


def test_opting_out_of_following(client, login, debate):
    from consult.notifications.services import is_following

    _, proposal, _, bob = debate
    login(bob)
    client.post(f"/proposals/{proposal.id}/comments", data={"body": "Sans suivre"})
    assert not is_following(bob, "proposal", proposal.id)


def test_following_by_default(client, login, debate):
    from consult.notifications.services import is_following

    _, proposal, _, bob = debate
    login(bob)
    post(client, proposal, body="En suivant")
    assert is_following(bob, "proposal", proposal.id)


def follow_boxes(html):
    """Whether each "Follow this proposal" box of the page is ticked: the comment's, then the replies'."""
    return [" checked" in box for box in re.findall(r'<input [^>]*id="(?:comment|reply-\d+)-follow"[^>]*>', html)]


def test_the_follow_boxes_show_an_unfollow_and_a_ticked_box_follows_again(client, login, debate, make):
    from consult.notifications.services import is_following

    _, proposal, alice, bob = debate
    make.comment(proposal, alice, body="Une idée à discuter")
    login(bob)
    page = f"/proposals/{proposal.id}"
    assert follow_boxes(client.get(page).get_data(as_text=True)) == [True, True]  # taking part follows it
    client.post(f"/unfollow/proposal/{proposal.id}", data={})
    html = client.get(page).get_data(as_text=True)
    assert follow_boxes(html) == [False, False] and "Stop following" not in html
    post(client, proposal, body="Je suis de nouveau le débat")  # the box ticked
    assert is_following(bob, "proposal", proposal.id)
    html = client.get(page).get_data(as_text=True)
    assert follow_boxes(html) == [True, True, True] and "Stop following" in html


def test_form_offers_follow_checked_and_stance_radios(debate, render_thread):
    _, proposal, _, bob = debate
    html = render_thread(proposal, bob)
    assert 'id="comment-follow"' in html and "checked" in html
    assert html.count('type="radio"') == 4
    assert "<fieldset" in html and "<legend>" in html


def test_counter_stays_exact(client, login, debate, fresh):
    _, proposal, _, bob = debate
    login(bob)
    for i in range(3):
        post(client, proposal, body=f"Commentaire {i}")
    post(client, proposal, body="")
    assert fresh(proposal).comments_count == 3
    assert len(comments_of(proposal)) == 3


def test_the_message_says_who_is_told(client, login, debate):
    """A reply tells the person answered; nothing promises more than the notifications do."""
    _, proposal, _, bob = debate
    login(bob)
    first = post(client, proposal, body="Un premier avis.")
    assert "Your comment is published." in client.get(first.headers["Location"], headers={"Accept-Language": "en"}).text
    top = comments_of(proposal)[0]
    login(proposal.author)
    reply = post(client, proposal, body="Merci pour l’avis.", parent_id=str(top.id))
    assert "Your reply is published. The person you answered is told." in client.get(
        reply.headers["Location"], headers={"Accept-Language": "en"}).text
