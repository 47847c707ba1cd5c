"""Journey 2: a resident registers, confirms, signs in, proposes, supports up to the limit, debates,
downloads their data and deletes their account.

Runs in French and English, at desktop and phone sizes, and once with the keyboard alone.
"""
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .helpers import (
    LANGUAGES, MOBILE, Keyboard, Mouse, Texts, confirmation_link, exact, expect_language, flash,
    no_horizontal_scroll, register_and_confirm, set_language, unique_email,
)

BUDGET = {"fr": "Budget participatif : vos projets pour Villeneuve",
          "en": "Participatory budget: your projects for Villeneuve"}
# Each run proposes something close to a different demo proposal, so that the proposals of the
# other runs never crowd the expected one out of the (at most 5) similar proposals.
# (existing demo proposal, new title, French category, English category)
IDEAS = [
    ("Des bancs et de l'ombre sur la place Lafayette", "Des bancs à l'ombre sur la place Lafayette",
     "Cadre de vie", "Living environment"),
    ("Une fontaine à eau potable au skate-park", "Une fontaine d'eau potable près du skate-park",
     "Cadre de vie", "Living environment"),
    ("Des arceaux vélo devant les commerces de la bastide", "Plus d'arceaux vélo devant les commerces",
     "Mobilité", "Mobility"),
    ("Un verger partagé au parc Saint-Cyr", "Un verger partagé dans le parc Saint-Cyr",
     "Nature en ville", "Nature in town"),
    ("Éclairer le chemin de halage le soir", "Éclairer le chemin de halage en hiver", "Cadre de vie",
     "Living environment"),
]
MAX_VOTES = 5  # the demo's participatory budget: 5 supports per person, open during the proposals phase


def resident_journey(page, audit, mail_sink, lang, ui, idea, mobile=False):
    t = Texts(lang)
    existing, new_title, category_fr, category_en = IDEAS[idea]
    set_language(page, lang)
    email = unique_email(f"resident-{lang}")
    name = f"Camille {lang.upper()}"
    password = "a long and easy passphrase"

    def visited(label):
        audit.check(page, label)
        if mobile:
            no_horizontal_scroll(page)
        ui.skip_to_content()

    # Register.
    page.goto("/auth/register")
    expect_language(page, lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Create an account"))
    visited("register")
    ui.fill(page.get_by_label(t("Email address")), email)
    ui.fill(page.get_by_label(t("Display name")), name)
    ui.fill(page.get_by_label(t("Password"), exact=True), password)
    ui.fill(page.get_by_label(t("Password again")), password)
    ui.check(page.get_by_label(t("I have read and I accept the terms of use")))
    ui.activate(page.get_by_role("button", name=t("Create my account")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Check your inbox"))
    visited("registered")

    # The link of the confirmation mail opens a page that confirms with the password and signs
    # the new resident in; then sign out and in again.
    page.goto(confirmation_link(mail_sink, email))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Confirm your email address"))
    visited("confirm")
    ui.fill(page.get_by_label(t("Password"), exact=True), password)
    ui.activate(page.get_by_role("button", name=t("Confirm my email address")))
    expect(flash(page)).to_contain_text(t("Thank you, your email address is confirmed. "
                                          "You can now take part in consultations."))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("My account"))
    expect(page.locator(".badge-ok")).to_have_text(t("confirmed"))
    visited("confirmed")
    ui.activate(page.get_by_role("button", name=t("Sign out")))
    expect(flash(page)).to_contain_text(t("You are signed out. See you soon."))
    page.goto("/auth/login")
    ui.fill(page.get_by_label(t("Email address")), email)
    ui.fill(page.get_by_label(t("Password"), exact=True), password)
    ui.activate(page.locator("main").get_by_role("button", name=t("Sign in")))
    expect(flash(page)).to_contain_text(t("You are signed in. Welcome, %(name)s.", name=name))
    visited("signed-in")

    # Find the participatory budget, open in its proposals phase.
    ui.activate(page.get_by_role("navigation", name=t("Main menu")).get_by_role("link", name=t("Consultations")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Consultations"))
    ui.skip_to_content()
    ui.activate(page.locator(".consultation-cards").get_by_role("link", name=BUDGET[lang]))
    expect(page.get_by_role("heading", level=1)).to_have_text(BUDGET[lang])
    consultation_url = page.url
    visited("consultation")

    # Propose: similar proposals appear while typing a title close to an existing one.
    ui.activate(page.get_by_role("link", name=t("Make a proposal"), exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Make a proposal"))
    title = f"{new_title} ({email[9:19]})"
    ui.fill(page.get_by_label(t("Title"), exact=True), title)
    similar = page.locator("#similar-live")
    expect(similar.get_by_role("heading", name=t("Similar proposals already exist"))).to_be_visible()
    expect(similar.get_by_role("link", name=f"{existing} {t('(opens in a new tab)')}", exact=True)).to_be_visible()
    ui.fill(page.get_by_label(t("Description"), exact=True),
            "Quelques bancs à l'ombre des platanes, pour que les anciens puissent se reposer l'été.")
    ui.select(page.get_by_label(t("Category")), t.pick(category_fr, category_en))
    visited("propose")
    ui.activate(page.get_by_role("button", name=t("Preview")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Preview your proposal"))
    expect(page.locator(".similar-proposals").get_by_role("link", name=f"{existing} {t('(opens in a new tab)')}",
                                                          exact=True)).to_be_visible()
    visited("preview")
    ui.activate(page.get_by_role("button", name=t("Publish")))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(flash(page)).to_contain_text(t("Your proposal is published."))
    visited("proposal-published")

    # Support proposals up to the limit, then see the limit enforced.
    ui.activate(page.locator(".breadcrumb").get_by_role("link", name=BUDGET[lang]))
    expect(page).to_have_url(consultation_url)
    boxes = page.locator(".proposal-cards .proposal-card:not(:has(h3 a:text-is(\"%s\"))) .vote-box:has(form)" % title)
    expect(boxes.first).to_be_visible()
    ids = boxes.evaluate_all("els => els.map(e => e.id)")[:MAX_VOTES + 1]
    assert len(ids) == MAX_VOTES + 1
    ui.skip_to_content()
    for used, box_id in enumerate(ids[:MAX_VOTES], start=1):
        box = page.locator(f"#{box_id}")
        before = int(box.locator(".vote-count").inner_text())
        ui.activate(box.locator("form.vote-form button"))
        left = MAX_VOTES - used
        expect(box.locator(".vote-status")).to_have_text(
            t("Your support is recorded.") + " " + t.n("You have %(num)s support left.", "You have %(num)s supports left.",
                                                       left))
        expect(box.locator(".vote-count")).to_have_text(str(before + 1))
        expect(page.locator("#live-announcer")).to_have_text(box.locator(".vote-status").inner_text())
        expect(box.locator("button[aria-pressed=true]")).to_have_count(1)
        left_text = exact(t.n("%(left)s of %(total)s support left", "%(left)s of %(total)s supports left", left,
                              left=left, total=MAX_VOTES))
        expect(box.locator(".votes-left")).to_have_text(left_text)
        expect(page.locator(f"#{ids[MAX_VOTES]} .votes-left")).to_have_text(left_text)  # every box of the page
    # No vote left: the other proposals' boxes say so at once, instead of offering a vote.
    over = page.locator(f"#{ids[MAX_VOTES]}")
    spent = t("You have used all your supports: withdraw one of them to support this proposal.")
    expect(over.locator("form.vote-form")).to_be_hidden()
    expect(over.locator(".spent-hint")).to_have_text(spent)
    visited("supports-limit")
    # Withdrawing one in place offers the vote again there; supporting again takes it back.
    first = page.locator(f"#{ids[0]}")
    ui.activate(first.locator("form.vote-form button"))
    expect(first.locator(".vote-status")).to_have_text(
        t("Your support is withdrawn.") + " " + t.n("You have %(num)s support left.", "You have %(num)s supports left.", 1))
    expect(over.locator(".spent-hint")).to_be_hidden()
    expect(over.locator("form.vote-form button")).to_be_visible()
    ui.activate(first.locator("form.vote-form button"))
    expect(first.locator("button[aria-pressed=true]")).to_have_count(1)
    expect(over.locator(".spent-hint")).to_have_text(spent)
    expect(over.locator("form.vote-form")).to_be_hidden()

    # The proposal listing shows my supports at once (rendered for me here, as I have just
    # published a proposal: the page shared by residents is checked equal to it in the unit tests).
    page.goto(consultation_url.split("#")[0].rstrip("/") + "/proposals")
    for box_id in ids[:MAX_VOTES]:
        expect(page.locator(f"#{box_id} button[aria-pressed=true]")).to_have_count(1)
    expect(page.locator(f"#{ids[MAX_VOTES]} form.vote-form")).to_be_hidden()  # no vote left: no button, but why
    expect(page.locator(f"#{ids[MAX_VOTES]} .spent-hint")).to_have_text(spent)
    expect(page.locator(f"#{ids[0]} .votes-left")).to_have_text(exact(t.n(
        "%(left)s of %(total)s support left", "%(left)s of %(total)s supports left", 0, left=0, total=MAX_VOTES)))
    visited("listing")

    # Debate: a comment with a stance on the first supported proposal, then a reply.
    ui.activate(page.locator(f"#{ids[0]}").locator("xpath=ancestor::li[1]").locator("h3 a"))
    expect(page.get_by_role("heading", name=t("Debate"))).to_be_visible()
    comment = f"Bonne idée, je soutiens ({email[:18]})."
    ui.fill(page.get_by_label(t("Your comment")), comment)
    stance = page.get_by_role("group", name=t("Your position on this proposal"))
    ui.choose(stance, stance.get_by_role("radio", name=t("For"), exact=True))
    ui.activate(page.locator("#comment-submit"))
    expect(flash(page)).to_contain_text(t("Your comment is published."))
    mine = page.locator("li.comment").filter(has=page.get_by_text(comment, exact=True)).first
    expect(mine.locator(".stance-for").first).to_have_text(t("For"))
    expect(page.locator(".arguments-for")).to_contain_text(comment)
    visited("commented")

    reply = f"Et pourquoi pas des fontaines aussi ? ({email[:18]})"
    ui.activate(mine.locator("summary").first)
    ui.fill(mine.get_by_label(t("Your reply")), reply)
    ui.activate(mine.get_by_role("button", name=t("Publish my reply")))
    expect(flash(page)).to_contain_text(t("Your comment is published."))
    nested = page.locator("li.comment li.comment").filter(has=page.get_by_text(reply, exact=True))
    expect(nested).to_have_count(1)
    expect(nested.locator(".comment-author")).to_have_text(name)
    visited("replied")
    discussed = page.url.split("#")[0]
    page.goto(nested.get_by_role("link", name=t("Edit")).get_attribute("href"))
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    visited("comment-edit")

    # Leave: my data first, then the account; what I wrote stays, signed "Deleted account".
    ui.activate(page.locator(".main-nav").get_by_role("link", name=t("My account")))
    with page.expect_download() as download:
        ui.activate(page.get_by_role("link", name=t("Download my data (JSON)")))
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == email
    assert [c["body"] for c in data["comments"]] == [comment, reply]
    assert [p["title"] for p in data["proposals"]] == [title]
    ui.activate(page.get_by_role("link", name=t("Delete my account"), exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Delete my account"))
    visited("delete-account")
    ui.fill(page.get_by_label(t("Your password")), password)
    ui.check(page.get_by_label(t("I understand that my account is deleted for good and cannot be restored.")))
    ui.activate(page.get_by_role("button", name=t("Delete my account for good")))
    expect(flash(page)).to_contain_text(t("Your account is deleted. Your proposals and comments stay, signed "
                                          "“Deleted account”. Thank you for taking part."))
    expect(page.locator(".main-nav").get_by_role("link", name=t("Sign in"))).to_be_visible()
    page.goto(discussed)
    mine = page.locator("li.comment").filter(has=page.get_by_text(comment, exact=True)).first
    expect(mine.locator(".comment-author").first).to_have_text(t("Deleted account"))


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_resident_takes_part(page, audit, mail_sink, lang, viewport):
    mobile = viewport == "mobile"
    if mobile:
        page.set_viewport_size(MOBILE)
    idea = LANGUAGES.index(lang) * 2 + mobile
    resident_journey(page, audit, mail_sink, lang, Mouse(page), idea, mobile=mobile)


@pytest.mark.parametrize("lang", ["fr"])
def test_resident_takes_part_with_the_keyboard_alone(page, audit, mail_sink, lang):
    keyboard = Keyboard(page)
    resident_journey(page, audit, mail_sink, lang, keyboard, idea=4)
    assert keyboard.presses > 0


def new_resident_at_the_budget(page, audit, mail_sink, t, tag, name, email=None):
    """A new resident, signed in (in French), on the participatory budget: its listing's address."""
    set_language(page, "fr")
    register_and_confirm(page, audit, mail_sink, t, email or unique_email(tag), name)
    page.goto("/consultations/")
    page.locator(".consultation-cards").get_by_role("link", name=BUDGET["fr"]).click()
    return page.url.split("#")[0].rstrip("/") + "/proposals"


def test_the_listing_shared_by_residents_is_filled_for_each(page, audit, mail_sink):
    """Served from the page shared by residents, the listing is this person's: their menu,
    their supports, exact counts; a support given in place shows there on the next visit."""
    t = Texts("fr")
    listing = new_resident_at_the_budget(page, audit, mail_sink, t, "shared", "Dominique")

    def from_the_shared_page():
        for _ in range(6):  # each server process keeps its own copy
            if page.goto(listing).headers.get("x-cache") == "HIT":
                return
        raise AssertionError("the listing was never served from the shared page")

    from_the_shared_page()
    expect(page.get_by_role("button", name=t("Sign out"))).to_be_visible()
    box = page.locator(".proposal-cards .vote-box:has(form)").first
    box_id = box.get_attribute("id")
    before = int(box.locator(".vote-count").inner_text())
    box.locator("form.vote-form button").click()
    expect(box.locator(".vote-count")).to_have_text(str(before + 1))
    expect(box.locator("button[aria-pressed=true]")).to_have_count(1)

    from_the_shared_page()
    mine = page.locator(f"#{box_id}")
    expect(mine.locator(".vote-count")).to_have_text(str(before + 1))
    expect(mine.locator("button[aria-pressed=true]")).to_have_count(1)
    expect(page.locator(".vote-box button[aria-pressed=true]")).to_have_count(1)
    audit.check(page, "shared-listing")


def test_a_vote_whose_form_expired_shows_the_page_that_says_so(page, audit, mail_sink):
    """With JavaScript, an answer that is not a vote box (here: the form expired) is shown as
    the page it is, as without JavaScript, not pasted into the listing."""
    t = Texts("fr")
    listing = new_resident_at_the_budget(page, audit, mail_sink, t, "expired", "Sacha")
    page.goto(listing)
    box = page.locator(".proposal-cards .vote-box:has(form)").first
    box_id, before = box.get_attribute("id"), box.locator(".vote-count").inner_text()
    box.locator("input[name=csrf_token]").first.evaluate("input => input.value = 'expired'")
    box.locator("form.vote-form button").first.click()
    expect(page.locator("body")).to_contain_text(
        t("Your form expired or was sent from elsewhere. Please reload the page and try again."))
    assert page.locator("html").count() == 1 and page.locator(".proposal-cards").count() == 0
    page.goto(listing)
    expect(page.locator(f"#{box_id} .vote-count")).to_have_text(before)
