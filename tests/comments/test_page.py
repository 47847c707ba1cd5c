"""The debate as people see it, on the proposal page."""
import re

from consult.comments.models import Comment
from consult.extensions import db


def test_the_proposal_page_shows_the_debate(client, login, debate, make):
    _, proposal, alice, bob = debate
    top = make.comment(proposal, bob, body="Un argument *pour*", stance="for")
    make.comment(proposal, alice, body="Merci pour votre soutien", parent=top)
    make.comment(proposal, alice, body="Un argument contre", stance="against")
    login(bob)
    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert html.count("<h1") == 1
    assert 'class="two-columns arguments"' in html
    assert "Arguments for" in html and "Arguments against" in html
    assert "<em>pour</em>" in html and "Merci pour votre soutien" in html
    assert '<ol class="comments">' in html
    assert "For</span>" in html and "Against</span>" in html
    assert 'id="comment-body"' in html  # the form to comment
    assert f'id="reply-{top.id}-body"' in html  # a reply form in a <details>
    assert "<details" in html


def test_the_reply_form_takes_its_bounds_from_the_comment_form(client, login, debate, make):
    from consult.comments.forms import BODY_MAX, BODY_MIN
    assert (BODY_MIN, BODY_MAX) == (2, 5000)
    _, proposal, _, bob = debate
    top = make.comment(proposal, bob)
    login(bob)
    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert (f'<textarea id="reply-{top.id}-body" name="body" rows="4" required '
            f'minlength="{BODY_MIN}" maxlength="{BODY_MAX}"></textarea>') in html
    main = re.search(r'<textarea[^>]*id="comment-body"[^>]*>', html).group(0)
    assert f'minlength="{BODY_MIN}"' in main and f'maxlength="{BODY_MAX}"' in main


def test_visitors_read_and_are_invited_to_sign_in(client, debate, make):
    _, proposal, _, bob = debate
    make.comment(proposal, bob, body="Lisible par tous")
    html = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "Lisible par tous" in html
    assert "Sign in to take part in the debate." in html
    assert 'id="comment-body"' not in html


def test_post_then_read_on_the_page(client, login, debate):
    _, proposal, _, bob = debate
    login(bob)
    response = client.post(f"/proposals/{proposal.id}/comments",
                           data={"body": "Écrit depuis la page", "stance": "neutral", "follow": "y"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Your comment is published." in html
    assert "Écrit depuis la page" in html and "Neutral</span>" in html


def test_csrf_is_checked(app, client, login, debate):
    _, proposal, _, bob = debate
    app.config["WTF_CSRF_ENABLED"] = True
    login(bob)
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": "Sans jeton"})
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0


def test_form_with_csrf_token_posts(app, client, login, debate):
    _, proposal, _, bob = debate
    app.config["WTF_CSRF_ENABLED"] = True
    login(bob)
    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    response = client.post(f"/proposals/{proposal.id}/comments",
                           data={"body": "Avec jeton", "csrf_token": token.group(1)})
    assert response.status_code == 302


def test_each_side_of_the_arguments_says_when_it_has_none(client, debate, make):
    _, proposal, alice, _ = debate
    argument = make.comment(proposal, alice, body="Moins de voitures devant l'école", stance="for")
    html = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "fr"}).text
    against = html[html.index('class="panel arguments-against"'):]
    assert "Pas encore d’argument contre." in against[:against.index("</section>")]
    # the link opens the argument and says what it is: its text, not its author's name
    assert (f'{alice.display_name}\u00a0: <a href="/comments/{argument.id}">Moins de voitures devant l&#39;école</a>'
            in html)


def test_the_message_is_said_at_the_comment_the_page_lands_on(client, login, debate, make):
    """Posting, editing and deleting lead back to the comment (…#comment-12), far below the
    top of the page: what was done is said there, and only there."""
    _, proposal, alice, bob = debate
    login(bob)

    def said_at_the_comment(response, message):
        cid = re.search(r"#comment-(\d+)$", response.headers["Location"]).group(1)
        html = client.get(response.headers["Location"]).text
        assert re.search(rf'id="comment-{cid}" tabindex="-1" data-start>\s*<div class="flashes" role="status">\s*'
                         rf'<p class="flash flash-success">{re.escape(message)}</p>', html)
        assert html.count('class="flashes"') == 1
        return int(cid)

    cid = said_at_the_comment(client.post(f"/proposals/{proposal.id}/comments", data={"body": "Un avis"}),
                              "Your comment is published.")
    make.comment(proposal, alice, body="Une réponse", parent=db.session.get(Comment, cid))
    said_at_the_comment(client.post(f"/comments/{cid}/edit", data={"body": "Un avis corrigé"}),
                        "Your comment is updated.")
    said_at_the_comment(client.post(f"/comments/{cid}/delete"),
                        "Your comment is deleted. Its replies stay in the thread.")


def test_each_report_link_of_the_debate_says_which_comment(client, login, debate, make):
    """Two comments of one person: a screen reader's list of links tells their report links
    apart by the author and the time of each (the links read « Report this comment » on screen)."""
    from datetime import timedelta

    from consult.database import utcnow
    from markupsafe import Markup

    _, proposal, alice, bob = debate
    make.comment(proposal, alice, body="Premier avis", created_at=utcnow() - timedelta(hours=2))
    make.comment(proposal, alice, body="Second avis")
    login(bob)
    html = client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}).text
    links = [Markup(inner).striptags() for inner in re.findall(r'<a class="report-link"[^>]*>(.*?)</a>', html, re.S)
             if "comment" in inner]
    assert len(links) == 2 and len(set(links)) == 2, links
    assert all(re.fullmatch(r"Report this comment written by Alice Martin on .+", name) for name in links), links
