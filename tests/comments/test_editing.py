from datetime import timedelta

import pytest

from consult.comments.models import Comment
from consult.database import utcnow
from consult.extensions import db
from consult.moderation.models import ModerationAction


def test_author_edits_within_ten_minutes(client, login, debate, make, fresh, render_thread):
    _, proposal, alice, bob = debate
    comment = make.comment(proposal, bob, body="Première version")
    login(bob)
    page = client.get(f"/comments/{comment.id}/edit")
    assert page.status_code == 200 and "Première version" in page.get_data(as_text=True)
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Version corrigée", "stance": "against"})
    assert response.status_code == 302
    comment = fresh(comment)
    assert (comment.body, comment.stance) == ("Version corrigée", "against")
    assert comment.edited_at is not None
    html = render_thread(fresh(proposal), alice)
    assert "Version corrigée" in html and "edited" in html


def test_edit_with_a_bad_body_is_422_and_unchanged(client, login, debate, make, fresh):
    _, proposal, _, bob = debate
    comment = make.comment(proposal, bob, body="Première version")
    login(bob)
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "x"})
    assert response.status_code == 422 and "too short" in response.get_data(as_text=True)
    assert fresh(comment).body == "Première version"


def test_edit_after_ten_minutes_is_403(client, login, debate, make):
    _, proposal, _, bob = debate
    comment = make.comment(proposal, bob, created_at=utcnow() - timedelta(minutes=11))
    login(bob)
    assert client.get(f"/comments/{comment.id}/edit").status_code == 403
    assert client.post(f"/comments/{comment.id}/edit", data={"body": "Trop tard"}).status_code == 403


def test_an_edit_sent_after_the_ten_minutes_says_so_and_gives_the_text_back(client, login, debate, make):
    """The form was opened in time, and sent too late: the author is told why, not "not allowed"."""
    _, proposal, _, bob = debate
    comment = make.comment(proposal, bob, created_at=utcnow() - timedelta(minutes=11))
    login(bob)
    written = "Ma version corrigée, envoyée trop tard."
    refused = client.post(f"/comments/{comment.id}/edit", data={"body": written}, headers={"Accept-Language": "en"})
    assert refused.status_code == 403 and "You are not allowed to do this." not in refused.text
    assert "You may edit a comment during the 10 minutes after posting it." in refused.text
    assert written in refused.text and f'href="/comments/{comment.id}"' in refused.text
    french = client.post(f"/comments/{comment.id}/edit", data={"body": written}, headers={"Accept-Language": "fr"})
    assert "Vous pouvez modifier un commentaire pendant les 10 minutes qui suivent sa publication." in french.text


def test_another_person_cannot_edit_or_delete(client, login, debate, make, fresh):
    _, proposal, alice, bob = debate
    comment = make.comment(proposal, bob, body="À Bob")
    login(alice)
    assert client.post(f"/comments/{comment.id}/edit", data={"body": "Piraté"}).status_code == 403
    assert client.post(f"/comments/{comment.id}/delete").status_code == 403
    comment = fresh(comment)
    assert (comment.body, comment.status) == ("À Bob", "published")


def test_anonymous_edit_goes_to_login(client, debate, make):
    _, proposal, _, bob = debate
    comment = make.comment(proposal, bob)
    response = client.get(f"/comments/{comment.id}/edit")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_delete_leaves_a_placeholder_and_keeps_replies(client, login, debate, make, fresh, render_thread):
    _, proposal, alice, bob = debate
    top = make.comment(proposal, bob, body="Texte à supprimer")
    make.comment(proposal, alice, body="Une réponse qui reste", parent=top)
    login(bob)
    assert client.get(f"/comments/{top.id}/delete").status_code == 200
    assert client.post(f"/comments/{top.id}/delete").status_code == 302
    assert fresh(top).status == "deleted"
    assert fresh(proposal).comments_count == 1
    html = render_thread(fresh(proposal))
    assert "Texte à supprimer" not in html
    assert "Deleted by its author" in html
    assert "Une réponse qui reste" in html
    # The reply stays nested under the placeholder.
    assert html.index("Deleted by its author") < html.index("Une réponse qui reste")
    assert client.post(f"/comments/{top.id}/delete").status_code == 403


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_comment_deleted_before_it_was_published_stays_out_of_the_debate(app, client, login, debate, make, fresh,
                                                                            render_thread, status):
    """Never public, it has no replies to keep a place for: the public's debate (page and API) stays
    as it was, and the moderators see it as they did."""
    consultation, proposal, _, bob = debate
    comment = make.comment(proposal, bob, body="Jamais publié", status=status)
    count = fresh(proposal).comments_count
    login(bob)
    assert client.post(f"/comments/{comment.id}/delete").status_code == 302
    assert fresh(comment).status == "deleted"
    visitor = app.test_client()
    page = visitor.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).text
    assert "No comment yet." in page and "Deleted by its author" not in page
    listed = visitor.get(f"/api/v1/proposals/{proposal.id}/comments").get_json()
    assert (listed["total"], listed["items"]) == (0, [])
    assert visitor.get(f"/comments/{comment.id}").status_code == 404
    assert fresh(proposal).comments_count == count
    moderator = make.member(make.user(), consultation.territory, "moderator")
    assert "Deleted by its author" in render_thread(fresh(proposal), moderator)


def test_hidden_comment_shows_the_reason(app, debate, make, fresh, render_thread):
    consultation, proposal, alice, bob = debate
    comment = make.comment(proposal, bob, body="Texte masqué", status="hidden")
    for rule in ("spam", "harassment"):
        db.session.add(ModerationAction(territory_id=consultation.territory_id, target_type="comment",
                                        target_id=comment.id, action="hide", rule=rule))
    db.session.commit()
    html = render_thread(fresh(proposal), alice)
    assert "Texte masqué" not in html
    assert "Hidden by moderation — reason: Insult or harassment" in html


def test_thread_is_ordered_oldest_first(debate, make, render_thread):
    _, proposal, alice, bob = debate
    make.comment(proposal, bob, body="Le premier", created_at=utcnow() - timedelta(hours=2))
    make.comment(proposal, alice, body="Le second", created_at=utcnow() - timedelta(hours=1))
    html = render_thread(proposal)
    assert html.index("Le premier") < html.index("Le second")


def test_arguments_for_and_against(debate, make, render_thread):
    from consult.comments.services import thread_context

    _, proposal, alice, bob = debate
    for i in range(7):
        make.comment(proposal, bob, body=f"Pour numéro {i}", stance="for",
                     created_at=utcnow() - timedelta(minutes=60 - i))
    make.comment(proposal, alice, body="Contre **tout**, voir [ici](https://example.org)", stance="against")
    # a reply's stance is an argument too, as its badge in the thread says
    make.comment(proposal, alice, body="Réponse pour", stance="for",
                 parent=db.session.scalars(db.select(Comment)).first())
    ctx = thread_context(proposal, alice, utcnow())
    assert ctx["arguments_for_count"] == 8 and ctx["arguments_against_count"] == 1
    assert [c.body for c in ctx["arguments_for"]] == ["Réponse pour"] + [f"Pour numéro {i}" for i in (6, 5, 4, 3)]
    html = render_thread(proposal)
    assert "Arguments for" in html and "Arguments against" in html
    assert "3 more in the thread below." in html
    # the summary quotes the text, not its Markdown
    assert "Contre tout, voir ici</a></li>" in html and "**" not in html


def test_reply_form_offered_until_depth_three(debate, make, render_thread):
    _, proposal, alice, bob = debate
    one = make.comment(proposal, bob)
    two = make.comment(proposal, alice, parent=one)
    three = make.comment(proposal, bob, parent=two)
    html = render_thread(proposal, alice)
    assert f'id="reply-{one.id}-body"' in html and f'id="reply-{two.id}-body"' in html
    assert f'id="reply-{three.id}-body"' not in html
    assert html.count('<ol class="comments">') == 1 and html.count("<ol>") == 2


def test_editing_a_reply_keeps_its_stance(client, login, debate, make, fresh):
    """A reply's edit form has no stance: one given through the API stays."""
    _, proposal, alice, bob = debate
    top = make.comment(proposal, alice, body="Qui est pour ?")
    reply = make.comment(proposal, bob, body="Moi, contre.", parent=top, stance="against")
    login(bob)
    assert 'name="stance"' not in client.get(f"/comments/{reply.id}/edit").text
    assert client.post(f"/comments/{reply.id}/edit", data={"body": "Moi, plutôt contre."}).status_code == 302
    assert (fresh(reply).body, fresh(reply).stance) == ("Moi, plutôt contre.", "against")


def test_no_edit_once_the_debate_is_closed(client, login, debate, make, fresh):
    """Within its ten minutes, a comment is no longer edited once comments are turned off, the
    proposal withdrawn or the consultation archived: posting is refused there too."""
    consultation, proposal, _, bob = debate
    closings = [lambda: setattr(consultation, "comments_enabled", False),
                lambda: setattr(proposal, "status", "withdrawn"),
                lambda: setattr(consultation, "status", "archived")]
    login(bob)
    for close in closings:
        comment = make.comment(proposal, bob, body="Première version")
        close()
        db.session.commit()
        refused = client.post(f"/comments/{comment.id}/edit", data={"body": "Version corrigée"},
                              headers={"Accept-Language": "en"})
        assert refused.status_code == 403 and "You are not allowed to do this." not in refused.text
        assert fresh(comment).body == "Première version"
        consultation.comments_enabled, proposal.status, consultation.status = True, "published", "published"
        db.session.commit()
