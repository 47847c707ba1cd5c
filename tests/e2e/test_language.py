"""Journey 5: switching language keeps the current page (with its query string) and is remembered."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import Texts, expect_language, set_language, sign_in

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
