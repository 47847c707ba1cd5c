"""What a person sees right after an action: the vote box in place keeps to the vote the
server recorded, however fast they press; without JavaScript, the message is where the page
lands (the vote box, the comment), not at the top of a long page."""
import pytest
from playwright.sync_api import expect

from .helpers import PASSWORD, Keyboard, Texts, flash, register_and_confirm, set_language, sign_out, unique_email
from .test_drafts import _open_to_comments
from .test_resident import new_resident_at_the_budget

RIVERBANKS = "Réaménager les quais du Lot"  # the demo's for / against vote, open


def _listing(page, title):
    page.goto("/consultations/")
    page.locator(".consultation-cards").get_by_role("link", name=title).click()
    return page.url.split("#")[0].rstrip("/") + "/proposals"


@pytest.mark.parametrize("mode", ["support", "for_against"])
def test_a_second_press_before_the_answer_leaves_the_box_as_the_server_has_it(page, audit, mail_sink, mode):
    """On a slow network, a double click (support) or a quick change of mind (For, then
    Against): the box is busy until the first answer, the second press is not sent, and the
    box then shows, and says, what the server kept."""
    t = Texts("fr")
    listing = new_resident_at_the_budget(page, audit, mail_sink, t, f"busy-{mode}", "Lou")
    if mode == "for_against":
        listing = _listing(page, RIVERBANKS)
    held = []  # the vote requests, answered when the test says so
    page.route("**/proposals/*/vote*", lambda route: held.append(route))
    page.goto(listing)
    box = page.locator(".proposal-cards .vote-box:has(form.vote-form:not([hidden]))").first
    box_id = box.get_attribute("id")
    box = page.locator(f"#{box_id}")
    before = int(box.locator(".vote-count").first.inner_text())
    buttons = box.locator("form.vote-form button")

    buttons.first.click()
    page.wait_for_timeout(200)
    buttons.nth(0 if mode == "support" else 1).click()
    busy = box.get_attribute("aria-busy")  # waiting for the first answer
    held.pop(0).continue_()
    recorded = t("Your support is recorded.") if mode == "support" else t("Your vote is recorded.")
    status = box.locator(".vote-status")
    expect(status).to_contain_text(recorded)
    for route in held:  # a second press, had it been sent, is answered after the first
        route.continue_()
    page.wait_for_load_state("networkidle")

    chosen = t("I support") if mode == "support" else t("For")
    expect(status).to_contain_text(recorded)
    expect(page.locator("#live-announcer")).to_have_text(status.inner_text())  # said once, and that
    expect(box.locator("button[aria-pressed=true]")).to_contain_text(chosen)
    expect(box.locator(".vote-count").first).to_have_text(str(before + 1))
    page.unroute("**/proposals/*/vote*")
    page.reload()  # what the server kept
    expect(box.locator("button[aria-pressed=true]")).to_contain_text(chosen)
    expect(box.locator(".vote-count").first).to_have_text(str(before + 1))
    assert busy == "true"
    expect(box).not_to_have_attribute("aria-busy", "true")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_without_javascript_the_message_is_where_the_page_lands(page, audit, mail_sink):
    t = Texts("fr")
    set_language(page, "fr")
    register_and_confirm(page, audit, mail_sink, t, unique_email("landing"), "Maël")
    listing = _listing(page, "Budget participatif : vos projets pour Villeneuve")

    # A support from the listing: back at the box pressed, which says it.
    page.goto(listing)
    box = page.locator(".proposal-cards .vote-box:has(form.vote-form:not([hidden]))").nth(5)
    box_id = box.get_attribute("id")
    box.locator("form.vote-form button").click()
    assert page.url.endswith(f"#{box_id}")
    status = page.locator(f"#{box_id} .vote-status")
    expect(status).to_contain_text(t("Your support is recorded."))
    expect(status).to_be_in_viewport()
    expect(flash(page)).to_have_count(0)  # not said again at the top
    audit.check(page, "support-said-in-its-box")

    # A comment: back at the comment, which says it.
    comment = page.get_by_label(t("Your comment"))
    _open_to_comments(page, comment)
    comment.fill("Une idée qui me plaît beaucoup.")
    page.locator("form.comment-form").get_by_role("button").click()
    anchor = page.url.split("#")[1]
    assert anchor.startswith("comment-")
    said = page.locator(f"#{anchor} .flashes")
    expect(said).to_contain_text(t("Your comment is published."))
    expect(said).to_be_in_viewport()
    expect(flash(page)).to_have_count(1)
    audit.check(page, "comment-said-at-the-comment")


def test_a_support_sent_once_signed_out_in_another_tab_leads_to_sign_in_and_back_to_the_box(page, audit, mail_sink):
    """With the keyboard alone: the box says in place to sign in, and the focus goes to its
    sign-in link, the next step, while the message is read out; the link leads to the sign-in
    page and back to that box, in view, where the support may be given."""
    t = Texts("fr")
    keyboard = Keyboard(page)
    email = unique_email("signed-out")
    listing = new_resident_at_the_budget(page, audit, mail_sink, t, "signed-out", "Yanis", email)
    page.goto(listing)
    box_id = page.locator(".proposal-cards .vote-box:has(form.vote-form:not([hidden]))").nth(6).get_attribute("id")
    box = page.locator(f"#{box_id}")
    before = box.locator(".vote-count").inner_text()
    other = page.context.new_page()
    other.goto("/me")
    sign_out(other, t)
    other.close()

    keyboard.activate(box.locator("form.vote-form button"))
    expect(box.locator(".vote-status")).to_have_text(t("Please sign in to vote."))
    expect(page.locator("#live-announcer")).to_have_text(t("Please sign in to vote."))
    sign_in = box.get_by_role("link", name=t("Sign in to support"))
    expect(sign_in).to_be_focused()
    expect(box.locator(".vote-count")).to_have_text(before)
    audit.check(page, "signed-out-box")
    page.keyboard.press("Enter")
    keyboard.fill(page.get_by_label(t("Email address")), email)
    keyboard.fill(page.get_by_label(t("Password"), exact=True), PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{listing}#{box_id}")
    expect(box).to_be_in_viewport()
    keyboard.activate(box.locator("form.vote-form button"))
    expect(box.locator(".vote-count")).to_have_text(str(int(before) + 1))
