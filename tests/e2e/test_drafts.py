"""What a resident writes is kept by the browser until the server accepts it: a reload, a
closed tab or an expired form loses nothing; once published, the draft is gone; signing out
forgets every draft, and so does deleting the account (not a refused attempt)."""
import re
import time

from playwright.sync_api import expect

from .helpers import PASSWORD, Texts, flash, kept_drafts, sign_in, sign_out, unique_email
from .test_resident import new_resident_at_the_budget

def _write(page, field, text):
    """Type `text`, and wait until this browser kept it."""
    field.fill(text)
    page.wait_for_function("text => Object.keys(localStorage).some(k => k.startsWith('consult-draft:') "
                           "&& localStorage.getItem(k).includes(text))", arg=text)


def _open_to_comments(page, comment):
    """A proposal of the listing open to comments (some of the demo's are not): its address."""
    for link in [a.get_attribute("href") for a in page.locator(".proposal-card h3 a").all()]:
        page.goto(link)
        if comment.count():
            return page.url.split("#")[0]
    raise AssertionError("no proposal of the listing is open to comments")


def _sign_in_ends_elsewhere(browser, base_url, t, email):
    """The person changes their password on another device: every other sign-in ends."""
    context = browser.new_context(base_url=base_url, locale="fr-FR")
    try:
        other = context.new_page()
        sign_in(other, t, email)
        other.goto("/me")
        form = other.get_by_role("region", name=t("Change my password"))
        form.get_by_label(t("Current password")).fill(PASSWORD)
        form.get_by_label(t("New password")).fill("a new passphrase here")
        form.get_by_label(t("Password again")).fill("a new passphrase here")
        form.get_by_role("button", name=t("Change my password")).click()
        expect(flash(other)).to_be_visible()
    finally:
        context.close()


def test_a_comment_being_written_survives_a_reload_and_an_expired_form(page, audit, mail_sink, base_url):
    t = Texts("fr")
    email = unique_email("draft")
    listing = new_resident_at_the_budget(page, audit, mail_sink, t, "draft", "Camille", email)
    page.goto(listing)
    comment = page.get_by_label(t("Your comment"))
    proposal = _open_to_comments(page, comment)
    note = page.locator("form.comment-form .draft-note")
    restored = t("What you wrote or chose here and did not send is back: this browser kept it.")

    # A reload gives the text back, with a note that says so; the person may discard it.
    _write(page, comment, "Des bancs à l'ombre, et")
    page.reload()
    expect(comment).to_have_value("Des bancs à l'ombre, et")
    expect(note).to_contain_text(restored)
    audit.check(page, "draft-restored")
    note.get_by_role("button", name=t("Discard it")).click()
    expect(comment).to_have_value("")
    expect(note).to_have_count(0)
    assert kept_drafts(page) == 0

    # A form refused as expired (the session ended meanwhile) loses nothing either.
    text = "Des bancs à l'ombre, et une fontaine près de l'école."
    _write(page, comment, text)
    page.locator("form.comment-form input[name=csrf_token]").evaluate("input => input.value = 'expired'")
    page.locator("#comment-submit").click()
    expect(page.locator("body")).to_contain_text(
        t("Your form expired or was sent from elsewhere. Please reload the page and try again."))
    page.goto(proposal)
    expect(comment).to_have_value(text)
    expect(note).to_contain_text(restored)

    # Sent after the sign-in ended elsewhere: the answer is the sign-in page, and the text stays.
    _sign_in_ends_elsewhere(page.context.browser, base_url, t, email)
    page.locator("#comment-submit").click()
    expect(page).to_have_url(re.compile(r"/auth/login"))
    page.get_by_label(t("Email address")).fill(email)
    page.get_by_label(t("Password"), exact=True).fill("a new passphrase here")
    page.locator("main").get_by_role("button", name=t("Sign in")).click()
    page.goto(proposal)
    expect(comment).to_have_value(text)
    expect(note).to_contain_text(restored)

    # Published: the comment is on the page, and the form is empty on the next visit.
    page.locator("#comment-submit").click()
    expect(flash(page)).to_contain_text(t("Your comment is published."))
    expect(page.locator("li.comment").filter(has=page.get_by_text(text, exact=True))).to_have_count(1)
    page.goto(proposal)
    expect(comment).to_have_value("")
    expect(note).to_have_count(0)
    assert kept_drafts(page) == 0

    # A reply (to the comment just published) is kept too, and its folded form opened to show it.
    reply = page.locator("details.reply-form").first
    reply.locator("summary").click()
    _write(page, reply.locator("textarea"), "Et des arbres ?")
    page.reload()
    expect(reply).to_have_attribute("open", "")
    expect(reply.locator("textarea")).to_have_value("Et des arbres ?")
    expect(reply.locator(".draft-note")).to_contain_text(restored)

    # Signing out forgets what was being written, on a shared computer: what was kept, and what
    # was typed just before and not kept yet (the server slow to answer, the page still open).
    _write(page, comment, "Un brouillon à ne pas laisser ici.")
    page.route("**/auth/logout", lambda route: (time.sleep(0.6), route.continue_()))
    comment.fill("Un brouillon à ne pas laisser ici, ni ceci.")
    sign_out(page, t)
    assert kept_drafts(page) == 0


def test_the_drafts_go_with_the_account_not_with_a_refused_deletion(page, audit, mail_sink):
    """A mistyped password keeps the account, and what was being written with it; the deletion
    the server accepts forgets every draft."""
    t = Texts("fr")
    listing = new_resident_at_the_budget(page, audit, mail_sink, t, "leaving", "Sacha")
    page.goto(listing)
    comment = page.get_by_label(t("Your comment"))
    proposal = _open_to_comments(page, comment)
    _write(page, comment, "Un arrêt de bus abrité.")

    def delete_my_account(password):
        page.goto("/me/delete")
        page.get_by_label(t("Your password")).fill(password)
        page.get_by_label(t("I understand that my account is deleted for good and cannot be restored.")).check()
        page.get_by_role("button", name=t("Delete my account for good")).click()

    delete_my_account("not my password")
    expect(page.locator("main")).to_contain_text(t("This is not your password."))
    page.goto(proposal)
    expect(comment).to_have_value("Un arrêt de bus abrité.")
    expect(page.locator("form.comment-form .draft-note")).to_contain_text(
        t("What you wrote or chose here and did not send is back: this browser kept it."))

    delete_my_account(PASSWORD)
    expect(flash(page)).to_contain_text(t("Your account is deleted. Your proposals and comments stay, signed "
                                          "“Deleted account”. Thank you for taking part."))
    assert kept_drafts(page) == 0
