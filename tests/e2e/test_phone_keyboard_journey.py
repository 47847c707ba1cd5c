"""Journey 6, on a phone, in French, with the keyboard alone for the resident: she proposes with a
photo, supports in place and takes the support back, is told of a comment on her proposal,
reports it and lands back at it; the moderator hides it with a statement of reasons written on
several lines, with a long address; its author reads them as written and appeals, and the
moderators read the appeal as written too. Every page audited; none scrolls sideways."""
from playwright.sync_api import expect

from .helpers import (
    MOBILE, Keyboard, Texts, flash, no_horizontal_scroll, photo, register_and_confirm, set_language, sign_in,
    sign_out, unique_email,
)
from .test_resident import BUDGET

TERRITORY = "Villeneuve-sur-Lot"
FOCUSED_IN = "el => el.contains(document.activeElement) && document.activeElement !== document.body"


def as_shown(locator):
    """The text as the browser lays it out: a line break kept by the style is a "\\n" here."""
    return locator.evaluate("el => el.innerText").strip()


def test_phone_keyboard_resident_is_told_reports_and_the_author_appeals(page, audit, mail_sink):
    t = Texts("fr")
    set_language(page, "fr")
    page.set_viewport_size(MOBILE)
    keyboard = Keyboard(page)
    mark = unique_email("x")[2:10]
    resident, author = unique_email("phone"), unique_email("commenter")
    author_name = f"Gaël {mark}"
    title = f"Des toilettes publiques au port ({mark})"

    def visited(label):
        audit.check(page, label)
        no_horizontal_scroll(page)
        keyboard.skip_to_content()

    # The resident joins, finds the participatory budget from the menu and proposes with a photo.
    register_and_confirm(page, audit, mail_sink, t, resident, f"Inès {mark}")
    page.goto("/")
    keyboard.activate(page.get_by_role("navigation", name=t("Main menu")).get_by_role(
        "link", name=t("Consultations")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Consultations"))
    keyboard.skip_to_content()
    keyboard.activate(page.locator(".consultation-cards").get_by_role("link", name=BUDGET["fr"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(BUDGET["fr"])
    visited("consultation")
    keyboard.activate(page.get_by_role("link", name=t("Make a proposal"), exact=True))
    keyboard.fill(page.get_by_label(t("Title"), exact=True), title)
    keyboard.fill(page.get_by_label(t("Description"), exact=True), "Près de la halte nautique, ouvertes toute l'année.")
    keyboard.select(page.get_by_label(t("Category")), "Cadre de vie")
    page.wait_for_load_state("networkidle")  # the similar proposals are in: the keys below walk past them
    image = page.get_by_label(t("Image (optional)"))
    keyboard.tab_to(image)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(photo())
    visited("propose")
    keyboard.activate(page.get_by_role("button", name=t("Preview")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Preview your proposal"))
    visited("preview")
    keyboard.activate(page.get_by_role("button", name=t("Publish")))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("img", name=t("Image of the proposal"))).to_be_visible()
    expect(page.locator(".follow-state")).to_contain_text(t("You are following"))  # its author follows it
    proposal_url = page.url.split("#")[0]
    visited("proposal")

    # Supported in place, then taken back: the box says it, and the focus stays on its button.
    box = page.locator(".proposal-votes .vote-box")
    keyboard.activate(box.locator("form.vote-form button"))
    expect(box.locator(".vote-status")).to_contain_text(t("Your support is recorded."))
    expect(box.locator("button[aria-pressed=true]")).to_be_focused()
    page.keyboard.press("Space")
    expect(box.locator(".vote-status")).to_contain_text(t("Your support is withdrawn."))
    expect(box.locator("button[aria-pressed=false]")).to_be_focused()
    keyboard.activate(page.get_by_role("button", name=t("Sign out")))
    expect(flash(page)).to_be_visible()

    # Someone else comments on it.
    register_and_confirm(page, audit, mail_sink, t, author, author_name)
    page.goto(proposal_url)
    comment_text = f"Encore une dépense inutile ({mark})."
    page.get_by_label(t("Your comment")).fill(comment_text)
    page.locator("#comment-submit").click()
    expect(flash(page)).to_contain_text(t("Your comment is published."))
    comment_id = page.url.split("#")[1]
    sign_out(page, t)

    # The resident is told, opens the notification and lands at the comment.
    sign_in(page, t, resident)
    keyboard.activate(page.locator(".unread-link"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("My notifications"))
    visited("notifications")
    told = page.locator(".notification-unread").first
    expect(told).to_contain_text(author_name)
    keyboard.activate(told.get_by_role("button", name=t("See it"), exact=False))
    expect(page).to_have_url(f"{proposal_url}#{comment_id}")
    comment = page.locator(f"#{comment_id}")
    expect(comment.locator(".comment-body")).to_be_in_viewport()
    visited("notified-comment")

    # She reports it and comes back to it, where the confirmation is said.
    keyboard.activate(comment.get_by_role("link", name=t("Report this comment")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Report this comment"))
    reasons = page.get_by_role("group", name=t("Why are you reporting this?"))
    keyboard.choose(reasons, reasons.get_by_role("radio", name=t("Insult or harassment")))
    keyboard.fill(page.get_by_label(t("Details (optional)")), "Le ton est agressif.\nEt il vise les élus.")
    visited("report")
    keyboard.activate(page.get_by_role("button", name=t("Send the report")))
    expect(page).to_have_url(f"{proposal_url}#{comment_id}")
    said = comment.locator(".flashes")
    expect(said).to_contain_text(t("Thank you. Your report was sent to the moderators of %(territory)s, "
                                   "who will review it.", territory=TERRITORY))
    expect(said).to_be_in_viewport()
    expect(flash(page)).to_have_count(1)  # not at the top of the page as well
    expect(comment.locator(".report-done")).to_have_text(t("You reported this"))
    visited("reported")
    sign_out(page, t)

    # The moderator reads the report as written and hides the comment, explaining it on two lines.
    sign_in(page, t, "moderation@example.org")
    page.goto("/moderation/")
    item = page.locator(".moderation-item").filter(has_text=comment_text)
    assert as_shown(item.locator(".moderation-reports .as-written")) == "Le ton est agressif.\nEt il vise les élus."
    visited("queue")
    item.get_by_role("link", name=t("Review and decide")).click()
    page.get_by_role("group", name=t("Decision")).get_by_role("radio", name=t("Hide"), exact=True).check()
    page.get_by_label(t("Rule of the charter")).select_option(label=t("Insult or harassment"))
    # A long address, as people paste them, may not widen the page on a phone.
    explanation = ("Le débat critique les idées, pas les personnes : "
                   "https://www.villeneuve-sur-lot.fr/participation/charte-de-moderation-du-debat-public\n"
                   "Reformulez sans viser quiconque.")
    page.get_by_label(t("Explanation for the author")).fill(explanation)
    visited("decide")
    page.get_by_role("button", name=t("Record the decision")).click()
    expect(flash(page)).to_be_visible()
    sign_out(page, t)

    # Its author reads the statement of reasons as written, and appeals on several lines.
    sign_in(page, t, author)
    page.goto("/me/notifications")
    assert explanation in as_shown(page.locator(".notification-unread .notification-text").first)
    visited("decision-notified")
    page.goto("/me/moderation")
    decision = page.locator(".activity-list > li").first
    assert as_shown(decision.locator(".as-written").first) == explanation
    visited("statement-of-reasons")
    decision.get_by_role("link", name=t("Appeal this decision")).click()
    appeal = ("Je critiquais la dépense.\nPas une personne, voir "
              "https://www.villeneuve-sur-lot.fr/deliberations/2025/budget-annexe-du-port-de-plaisance.pdf")
    page.get_by_label(t("Your appeal")).fill(appeal)
    visited("appeal")
    page.get_by_role("button", name=t("Send my appeal")).click()
    expect(flash(page)).to_be_visible()
    sign_out(page, t)

    # The moderators read the appeal as written.
    sign_in(page, t, "mairie@example.org")
    page.goto("/moderation/appeals")
    pending = page.locator(".activity-list > li").filter(has_text="Je critiquais la dépense.")
    assert as_shown(pending.locator(".as-written")) == appeal
    visited("appeals")
    pending.get_by_role("link", name=t("Review the appeal")).click()
    assert as_shown(page.locator("p.as-written")) == appeal
    assert as_shown(page.locator("dd.as-written")) == explanation
    visited("appeal-review")
    assert keyboard.presses > 0
