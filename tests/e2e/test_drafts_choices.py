"""The browser keeps every field a person fills in, not the text alone: a comment's position
and its "follow" box, a proposal's category and place. A form sent and accepted leaves no
draft, and signing out forgets them; the form the server shows again after refusing it, and
a proposal saved since on another device, are never overwritten by a draft."""
import re

from playwright.sync_api import expect

from .helpers import (Keyboard, Texts, expect_language, flash, kept_drafts, set_language, sign_in, sign_out,
                      unique_email)
from .test_drafts import _open_to_comments
from .test_resident import new_resident_at_the_budget

RESTORED = "What you wrote or chose here and did not send is back: this browser kept it."


def _kept(page, name, values):
    """Wait until this browser kept `values` (as the form sends them) for the field `name`."""
    page.wait_for_function(
        """([name, values]) => Object.keys(localStorage).some(k => k.startsWith('consult-draft:')
             && JSON.stringify(JSON.parse(localStorage.getItem(k)).values[name]) === JSON.stringify(values))""",
        arg=[name, values])


def test_a_comments_position_and_follow_box_come_back_until_it_is_published(page, audit, mail_sink):
    t = Texts("fr")
    keys = Keyboard(page)
    listing = new_resident_at_the_budget(page, audit, mail_sink, t, "stance", "Lou")
    page.goto(listing)
    comment = page.get_by_label(t("Your comment"))
    proposal = _open_to_comments(page, comment)
    form = page.locator("form.comment-form")
    stance = form.get_by_role("group", name=t("Your position on this proposal"))
    against = stance.get_by_role("radio", name=t("Against"))
    follow = form.get_by_label(t("Follow this proposal"))
    text = "Trop cher pour ce quartier, à mon avis."

    # Written, chosen and unticked with the keyboard: a reload gives all of it back.
    page.wait_for_load_state("load")
    keys.fill(comment, text)
    keys.choose(stance, against)
    keys.tab_to(follow)
    page.keyboard.press("Space")
    _kept(page, "follow", [])
    page.reload()
    expect(comment).to_have_value(text)
    expect(against).to_be_checked()
    expect(follow).not_to_be_checked()
    expect(form.locator(".draft-note")).to_contain_text(t(RESTORED))

    # Published with its position; the next visit starts from an empty form, and nothing is kept.
    keys.activate(page.locator("#comment-submit"))
    expect(flash(page)).to_contain_text(t("Your comment is published."))
    published = page.locator("li.comment").filter(has=page.get_by_text(text, exact=True))
    expect(published.locator(".stance")).to_have_text(t("Against"))
    page.goto(proposal)
    expect(comment).to_have_value("")
    expect(stance.get_by_role("radio", name=t("None (a question, some information)"))).to_be_checked()
    expect(form.locator(".draft-note")).to_have_count(0)
    assert kept_drafts(page) == 0

    # A position chosen and not sent is forgotten at sign-out.
    keys.choose(stance, stance.get_by_role("radio", name=t("For")))
    _kept(page, "stance", ["for"])
    sign_out(page, t)
    assert kept_drafts(page) == 0


def _choose_category(page, keys, t, index):
    """Choose the category at `index` with the keyboard: its label."""
    category = page.get_by_label(t("Category"))
    label = category.locator("option").nth(index).inner_text().strip()
    keys.select(category, label)
    return label


def test_a_proposals_category_and_place_come_back_and_never_overwrite_the_server(page, audit, mail_sink, browser,
                                                                                 base_url):
    fr, en = Texts("fr"), Texts("en")
    keys = Keyboard(page)
    email = unique_email("category")
    listing = new_resident_at_the_budget(page, audit, mail_sink, fr, "category", "Noé", email)
    page.goto(listing + "/new")
    page.wait_for_load_state("load")
    category = page.locator("#new-proposal [name=category]")
    place = {"address": "Place de la Mairie", "latitude": "44.4058", "longitude": "0.7045"}

    # The category and the place come back after a reload and after the language switch.
    keys.fill(page.get_by_label(fr("Title"), exact=True), "Court")
    chosen = _choose_category(page, keys, fr, 2)
    for name, value in place.items():
        keys.fill(page.locator(f"#new-proposal [name={name}]"), value)
    _kept(page, "longitude", [place["longitude"]])
    value = category.input_value()
    page.reload()
    expect(category).to_have_value(value)
    for name, kept in place.items():
        expect(page.locator(f"#new-proposal [name={name}]")).to_have_value(kept)
    page.get_by_role("button", name=re.compile("English")).click()
    expect_language(page, "en")
    expect(category).to_have_value(value)
    expect(page.locator(".draft-note")).to_contain_text(en(RESTORED))
    page.get_by_role("button", name=re.compile("Français")).click()
    expect_language(page, "fr")

    # Refused (the title is too short) while the same form, open in another tab, was given another
    # category: the page shows what this tab sent, and that is what the browser keeps from then on.
    held = []
    page.route("**/proposals/new", lambda route: held.append(route) if route.request.method == "POST"
               else route.continue_())
    preview = page.get_by_role("button", name=fr("Preview"))
    preview.evaluate("button => button.form.requestSubmit(button)")  # as a click, without waiting for the page
    other = page.context.new_page()
    other.goto(listing + "/new")
    expect(other.locator("#new-proposal [name=category]")).to_have_value(value)
    other_label = _choose_category(other, Keyboard(other), fr, 1)
    assert other_label != chosen
    _kept(other, "category", [other.locator("#new-proposal [name=category]").input_value()])
    held[0].continue_()
    page.unroute("**/proposals/new")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(category).to_have_value(value)
    expect(page.locator(".draft-note")).to_have_count(0)
    audit.check(page, "refused-not-overwritten")
    other.close()
    page.goto(listing + "/new")
    expect(category).to_have_value(value)

    # Published: nothing is kept.
    keys.fill(page.get_by_label(fr("Title"), exact=True), "Des fontaines dans les parcs")
    keys.fill(page.get_by_label(fr("Description"), exact=True), "Installer des fontaines à eau potable.")
    page.get_by_role("button", name=fr("Preview")).click()
    page.get_by_role("button", name=fr("Publish")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Des fontaines dans les parcs")
    assert kept_drafts(page) == 0
    _edited_here_and_saved_elsewhere(page, audit, fr, browser, base_url, email, page.url.split("#")[0])


def _edited_here_and_saved_elsewhere(page, audit, t, browser, base_url, email, proposal):
    """Changed here and not saved, then saved on another device: the page shows the proposal as
    saved, and offers to bring back the changes made here."""
    keys = Keyboard(page)
    page.goto(proposal + "/edit")
    page.wait_for_load_state("load")
    title = page.get_by_label(t("Title"), exact=True)
    category = page.get_by_label(t("Category"))
    keys.fill(title, "Des fontaines et des bancs dans les parcs")
    _choose_category(page, keys, t, 3)
    mine = category.input_value()
    _kept(page, "category", [mine])

    context = browser.new_context(base_url=base_url, locale="fr-FR")
    try:
        elsewhere = context.new_page()
        sign_in(elsewhere, t, email)
        elsewhere.goto(proposal + "/edit")
        elsewhere.get_by_label(t("Category")).select_option(index=1)
        saved = elsewhere.get_by_label(t("Category")).input_value()
        elsewhere.get_by_role("button", name=t("Save")).click()
        expect(flash(elsewhere)).to_be_visible()
    finally:
        context.close()

    page.reload()
    expect(category).to_have_value(saved)
    expect(title).to_have_value("Des fontaines dans les parcs")
    note = page.locator(".draft-note")
    expect(note).to_contain_text(t("This was saved elsewhere since you began changing it here: it is shown as it "
                                   "is now, without your unsent changes."))
    audit.check(page, "saved-elsewhere")
    keys.activate(note.get_by_role("button", name=t("Bring back my changes")))
    expect(category).to_have_value(mine)
    expect(title).to_have_value("Des fontaines et des bancs dans les parcs")
    expect(note).to_contain_text(t(RESTORED))
    keys.activate(page.get_by_role("button", name=t("Save")))
    expect(flash(page)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Des fontaines et des bancs dans les parcs")
    assert kept_drafts(page) == 0


def test_the_consultation_editors_choices_survive_a_reload(page, audit):
    """The settings, the vote mode and a phase's dates changed in the back office come back after
    a reload, as the text does; signing out forgets them. (Not the language switch here: it would
    keep the language on the shared demo account, which other journeys sign in to.)"""
    fr = Texts("fr")
    keys = Keyboard(page)
    set_language(page, "fr")
    sign_in(page, fr, "mairie@example.org")
    page.goto("/admin/territories/villeneuve-sur-lot/consultations")
    page.locator("main").get_by_role("link", name=fr("Edit")).first.click()
    page.wait_for_load_state("load")
    mode = page.get_by_role("group", name=fr("Vote mode"))
    for_against = page.locator("input[name=vote_mode][value=for_against]")
    support = page.locator("input[name=vote_mode][value=support]")
    chosen = for_against if support.is_checked() else support
    keys.choose(mode, chosen)
    comments_open = page.locator("input[name=comments_enabled]")
    was_open = comments_open.is_checked()
    keys.tab_to(comments_open)
    page.keyboard.press("Space")
    vote_end = page.locator("input[name=vote_end]")
    vote_end.fill("2031-06-30T18:00")
    _kept(page, "vote_end", ["2031-06-30T18:00"])

    page.reload()
    expect(chosen).to_be_checked()
    expect(comments_open).to_be_checked(checked=not was_open)
    expect(vote_end).to_have_value("2031-06-30T18:00")
    expect(page.locator(".draft-note")).to_contain_text(fr(RESTORED))
    audit.check(page, "consultation-choices-reloaded")
    sign_out(page, fr)
    assert kept_drafts(page) == 0
