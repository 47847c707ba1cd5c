"""After a comment or a reply is posted, the keyboard and the screen reader are where it is: on the
message saying it is published, read out, not at the top of the page; after a refused reply, on
the error, with the text given back in the form."""
import re

import pytest

from playwright.sync_api import expect

from .helpers import Texts
from .test_drafts import _open_to_comments
from .test_resident import new_resident_at_the_budget


def _sent_lands_on_its_message(page, t, *messages):
    """The comment just sent has the focus, its message first, and the keyboard goes on to its links."""
    anchor = page.url.split("#")[1]
    assert anchor.startswith("comment-")
    expect(page.locator(f"#{anchor}")).to_be_focused()
    said = page.locator(f"#{anchor} > .flashes:first-child")
    expect(said).to_have_text(re.compile("|".join(re.escape(m) for m in messages)))
    page.keyboard.press("Tab")
    expect(page.locator(f"#{anchor} .comment-actions").get_by_role("link").first).to_be_focused()
    return anchor


def _comment(page, audit, mail_sink, t, tag, name, text):
    """A new resident comments on a proposal of the participatory budget open to comments."""
    page.goto(new_resident_at_the_budget(page, audit, mail_sink, t, tag, name))
    comment = page.get_by_label(t("Your comment"))
    _open_to_comments(page, comment)
    comment.fill(text)
    page.locator("form.comment-form").get_by_role("button").click()


def test_the_focus_lands_on_the_comment_posted_and_on_the_reply(page, audit, mail_sink):
    t = Texts("fr")
    _comment(page, audit, mail_sink, t, "focus", "Inès", "Une idée qui me plaît beaucoup.")
    mine = _sent_lands_on_its_message(page, t, t("Your comment is published."))
    audit.check(page, "comment-focused")

    reply = page.locator(f"#{mine} details.reply-form")
    reply.locator("summary").click()
    reply.get_by_label(t("Your reply")).fill("Et près de l’école aussi, ce serait bien.")
    reply.get_by_role("button", name=t("Publish my reply")).click()
    answer = _sent_lands_on_its_message(page, t, t("Your comment is published."),
                                        t("Your reply is published. The person you answered is told."))
    assert answer != mine


def test_a_refused_reply_lands_on_the_error_with_its_text(page, audit, mail_sink):
    """The comment answered is deleted while the reply is written (in another tab): the page says
    so, the focus on that message, and the reply is in the form, to publish as a comment."""
    t = Texts("fr")
    _comment(page, audit, mail_sink, t, "refused", "Noé", "Un premier avis sur cette proposition.")
    mine = page.url.split("#")[1]
    reply = page.locator(f"#{mine} details.reply-form")
    reply.locator("summary").click()
    text = "Je précise : surtout devant l’école."
    reply.get_by_label(t("Your reply")).fill(text)

    other = page.context.new_page()
    other.goto(f"/comments/{mine.removeprefix('comment-')}/delete")
    other.get_by_role("button", name=t("Delete my comment")).click()
    expect(other.locator(".flashes")).to_contain_text(t("Your comment is deleted. Its replies stay in the thread."))
    other.close()

    reply.get_by_role("button", name=t("Publish my reply")).click()
    error = page.locator(".error-summary").first
    expect(error).to_be_focused()
    expect(error).to_contain_text(t("This comment can no longer receive replies."))
    expect(page.get_by_label(t("Your comment"))).to_have_value(text)
    audit.check(page, "refused-reply-focused")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_without_javascript_the_comment_posted_has_the_focus_too(page, audit, mail_sink):
    t = Texts("fr")
    _comment(page, audit, mail_sink, t, "focus-nojs", "Lou", "Sans JavaScript, je veux aussi entendre la suite.")
    _sent_lands_on_its_message(page, t, t("Your comment is published."))
