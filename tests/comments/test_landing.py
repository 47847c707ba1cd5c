"""Where the page starts for the keyboard and screen readers after a comment is sent: on the
comment just posted (the page lands on it, its message first), or on the error of a comment
refused, above the text given back (the browser journeys check the focus itself)."""
import re

from consult.comments.models import Comment
from consult.extensions import db


def test_the_comment_posted_is_where_the_page_starts(client, login, make):
    proposal = make.proposal()
    other = make.comment(proposal)
    login(make.user())
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": "Une idée qui me plaît beaucoup."})
    mine = db.session.scalar(db.select(Comment).where(Comment.id != other.id))
    assert response.headers["Location"].endswith(f"#comment-{mine.id}")
    page = client.get(response.headers["Location"]).text
    start = re.search(r'<li [^>]*\bdata-start>\s*<div class="flashes" role="status">\s*<p [^>]*>([^<]+)</p>', page)
    assert start.group(0).startswith(f'<li class="comment comment-published" id="comment-{mine.id}" tabindex="-1"')
    assert start.group(1) == "Your comment is published."
    assert f'id="comment-{other.id}">' in page  # the others are not where the page starts
    assert page.count("data-start") == 1


def test_a_comment_refused_as_the_phase_closed_starts_at_the_error_with_its_text(client, login, make):
    proposal = make.proposal(make.consultation(phase="results"))
    login(make.user())
    text = "Une idée qui me plaît beaucoup, écrite avant la fin."
    response = client.post(f"/proposals/{proposal.id}/comments", data={"body": text})
    assert response.status_code == 403
    assert '<section class="error-page" tabindex="-1" data-start>' in response.text
    assert f">{text}</textarea>" in response.text
    assert '<section class="error-page">' in client.get("/proposals/999999").text  # nothing to keep
