"""Journey 5: switching language keeps the current page (with its query string), and what a
proposal's preview shows, and is remembered."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import Texts, expect_language, kept_drafts, photo, set_language, sign_in
from .test_drafts import _open_to_comments
from .test_resident import new_resident_at_the_budget

PAGES = {
    "territories": ("/territories/", "Territories"),
    "filtered-consultations": ("/consultations/?territory=villeneuve-sur-lot&theme=public_space", "Consultations"),
}


@pytest.mark.parametrize("where", list(PAGES))
@pytest.mark.parametrize("start, other, button", [("fr", "en", "English"), ("en", "fr", "Français")])
def test_switching_language_keeps_the_page(page, base_url, audit, start, other, button, where):
    path, heading = PAGES[where]
    set_language(page, start)
    page.goto(path)
    expect_language(page, start)
    expect(page.get_by_role("heading", level=1)).to_have_text(Texts(start)(heading))
    audit.check(page, f"{where}-{start}")
    page.get_by_role("button", name=re.compile(button)).click()
    expect(page).to_have_url(base_url + path)
    expect_language(page, other)
    expect(page.get_by_role("heading", level=1)).to_have_text(Texts(other)(heading))
    audit.check(page, f"{where}-{other}")
    # The choice is remembered on the next pages, whatever the browser asks for.
    page.get_by_role("navigation", name=Texts(other)("Main menu")).get_by_role(
        "link", name=Texts(other)("Territories")).click()
    expect(page).to_have_url(re.compile(r"/territories/$"))
    expect_language(page, other)


def test_a_signed_in_person_keeps_the_language_chosen(page, audit):
    """The switch also sets the account's preferred language, shown on the profile."""
    set_language(page, "fr")
    sign_in(page, Texts("fr"), "bob@example.org")
    page.goto("/me")
    page.get_by_role("button", name=re.compile("English")).click()
    expect(page).to_have_url(re.compile(r"/me$"))
    expect_language(page, "en")
    en = Texts("en")
    expect(page.get_by_label(en("Preferred language")).locator("option:checked")).to_have_attribute("value", "en")
    audit.check(page, "profile-en")
    # Back to French for the other journeys that sign in as Bob.
    page.get_by_role("button", name=re.compile("Français")).click()
    expect_language(page, "fr")


def test_french_is_the_default(page, audit):
    """A browser asking for a language the site does not offer gets French."""
    if not Texts("fr").translated("Sign in"):
        pytest.skip("the French catalog is not compiled: run `make compile-translations`")
    set_language(page, "de")
    page.goto("/territories/")
    expect_language(page, "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Territoires")
    expect(page.get_by_role("link", name="Se connecter", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Créer un compte")).to_be_visible()
    audit.check(page, "territories-default")


WITHOUT_SCRIPTS = pytest.mark.browser_context_args(java_script_enabled=False)


@pytest.mark.parametrize("scripts", [pytest.param(False, marks=WITHOUT_SCRIPTS), True])
def test_the_preview_of_a_proposal_keeps_everything_in_the_other_language(page, audit, mail_sink, scripts):
    """Switched to English, the preview comes back with the text, the category and the photo,
    with or without JavaScript; the browser keeps the draft until it is published."""
    fr, en = Texts("fr"), Texts("en")
    tag = "preview-with-js" if scripts else "preview-without-js"  # a mail address: in lower case
    listing = new_resident_at_the_budget(page, audit, mail_sink, fr, tag, "Sacha")
    page.goto(listing + "/new")
    page.get_by_label(fr("Title"), exact=True).fill("Des fontaines dans les parcs")
    page.get_by_label(fr("Description"), exact=True).fill("Installer des fontaines à eau potable.")
    category = page.get_by_label(fr("Category")).locator("option").nth(1).get_attribute("value")
    page.get_by_label(fr("Category")).select_option(value=category)
    page.get_by_label(fr("Image (optional)")).set_input_files(photo())
    page.get_by_role("button", name=fr("Preview")).click()
    preview = page.url

    page.get_by_role("button", name=re.compile("English")).click()
    expect_language(page, "en")
    assert page.url == preview
    expect(page.get_by_role("heading", level=1)).to_have_text(en("Preview your proposal"))
    expect(page.get_by_role("heading", level=2, name="Des fontaines dans les parcs")).to_be_visible()
    expect(page.get_by_role("img", name=en("Image of the proposal"))).to_be_visible()
    expect(page.locator("#new-proposal [name=category]")).to_have_value(category)
    if scripts:
        assert kept_drafts(page) == 1  # kept until published: the switch did not publish it
    audit.check(page, "preview-en")
    page.get_by_role("button", name=en("Publish")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Des fontaines dans les parcs")
    expect(page.get_by_role("img", name=en("Image of the proposal"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Installer des fontaines à eau potable.")


def test_enter_in_a_refused_proposal_form_previews_it_in_the_same_language(page, audit, mail_sink):
    """The header's switch carries the fields of a posted form in its own form: Enter in the
    page's form still presses the form's own button."""
    fr = Texts("fr")
    listing = new_resident_at_the_budget(page, audit, mail_sink, fr, "enter-key", "Sacha")
    page.goto(listing + "/new")
    page.get_by_label(fr("Title"), exact=True).fill("Court")
    page.get_by_label(fr("Description"), exact=True).fill("Installer des fontaines à eau potable.")
    page.get_by_label(fr("Category")).select_option(index=1)
    page.get_by_role("button", name=fr("Preview")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    # The page's script has run (it gives back a draft that differs from the form: typing before
    # it ran would be taken for one), as it has long before a person types.
    page.wait_for_load_state("load")
    title = page.get_by_label(fr("Title"), exact=True)
    title.fill("Des fontaines dans les parcs")
    title.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Preview your proposal"))
    expect_language(page, "fr")


def _form_being_written(page, audit, mail_sink, fr, form):
    """A form of `form`'s kind open, signed in as the person who writes it: its text field."""
    set_language(page, "fr")
    if form == "consultation":  # a consultation's editor, by its territory's admin (the Métropole's:
        # the switch sets the account's language, which the other journeys' admin must keep unset)
        sign_in(page, fr, "metropole@example.org")
        page.goto("/admin/territories/grand-lyon/consultations")
        page.locator("main").get_by_role("link", name=fr("Edit")).first.click()
        return page.locator("textarea[name=summary_fr]")
    listing = new_resident_at_the_budget(page, audit, mail_sink, fr, f"switch-{form}", "Noa")
    if form == "proposal":
        page.goto(listing + "/new")
        return page.locator("#new-proposal textarea[name=body]")
    page.goto(listing)
    comment = page.locator("form.comment-form textarea[name=body]")
    _open_to_comments(page, comment)
    return comment


@pytest.mark.parametrize("form", ["comment", "proposal", "consultation"])
def test_text_being_written_survives_the_language_switch(page, audit, mail_sink, form):
    """Switched to English right after the last word is typed, the page gives back all that
    was written (the browser's draft), and says so in English."""
    fr, en = Texts("fr"), Texts("en")
    field = _form_being_written(page, audit, mail_sink, fr, form)
    page.wait_for_load_state("load")  # the drafts script has run, as it has long before a person types
    text = "Des fontaines à eau potable dans chaque parc, et des bancs à l'ombre."
    field.fill(text)
    page.get_by_role("button", name=re.compile("English")).click()
    expect_language(page, "en")
    expect(field).to_have_value(text)
    expect(page.locator(".draft-note")).to_contain_text(
        en("What you wrote or chose here and did not send is back: this browser kept it."))
    audit.check(page, f"{form}-switched")
    page.get_by_role("button", name=re.compile("Français")).click()  # the account's language, as it was
    expect_language(page, "fr")
