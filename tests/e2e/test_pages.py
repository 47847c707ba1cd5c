"""The other pages the accessibility statement lists: home, territory, platform pages, the
statement itself and a resident's personal space, audited in both languages on a phone."""
import pytest
from playwright.sync_api import expect

from consult.pages.statement import STATEMENT

from .helpers import (LANGUAGES, MOBILE, Texts, expect_language, flash, headings_in_order,
                      no_horizontal_scroll, set_language, sign_in)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_and_personal_pages(page, audit, lang):
    t = Texts(lang)
    page.set_viewport_size(MOBILE)
    set_language(page, lang)
    h1 = page.get_by_role("heading", level=1)

    def visit(path, label, heading=None):
        page.goto(path)
        expect_language(page, lang)
        expect(h1).to_have_count(1)
        if heading:
            expect(h1).to_have_text(heading)
        audit.check(page, label)
        no_horizontal_scroll(page)
        headings_in_order(page)

    visit("/", "home", t("Have your say in the life of your territory"))
    header_fits_a_phone(page)
    visit("/territories/villeneuve-sur-lot", "territory", "Villeneuve-sur-Lot")
    visit("/pages/terms", "terms")
    visit("/pages/charter", "charter")
    visit("/accessibility", "accessibility", STATEMENT[0][lang])  # a platform page: its title is not in the catalogue
    expect(page.locator("main")).to_contain_text("WCAG 2.1")
    # A table wider than a phone: its frame scrolls, and the keyboard reaches it.
    visit("/territories/villeneuve-sur-lot/transparency", "transparency")

    sign_in(page, t, "alice@example.org")
    header_fits_a_phone(page)
    visit("/me/activity", "activity", t("My activity"))
    visit("/me/notifications", "notifications", t("My notifications"))
    visit("/me/moderation", "my-moderation", t("Moderation decisions about me"))
    visit("/me/notifications/preferences", "notification-preferences")
    visit("/me/tokens", "api-tokens")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_error_and_password_reset_pages(page, audit, lang):
    """The pages one reaches by mistake or from an old link, and a form's error state."""
    t = Texts(lang)
    page.set_viewport_size(MOBILE)
    set_language(page, lang)
    for path, label in (("/no-such-page", "not-found"), ("/auth/reset/not-a-token", "reset-link-invalid"),
                        ("/unsubscribe/not-a-token", "unsubscribe-link-invalid"), ("/auth/reset", "reset")):
        page.goto(path)
        expect_language(page, lang)
        audit.check(page, label)
        no_horizontal_scroll(page)
        headings_in_order(page)
    page.locator("main form").get_by_role("button").click()
    expect(page.locator(".error-summary")).to_contain_text(t("Enter your email address."))
    expect(page.locator(".error-summary")).to_be_focused()  # where the keyboard and screen reader start
    audit.check(page, "reset-empty")
    headings_in_order(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_the_platform_admin_adds_is_linked_from_the_footer(page, audit, lang):
    """A legal notice written in the back office: every page's footer leads to it."""
    t = Texts(lang)
    set_language(page, lang)
    sign_in(page, t, "admin@example.org")
    page.goto("/admin/pages/new")
    page.get_by_label(t("Address name")).fill(f"mentions-legales-{lang}")
    page.get_by_label(t("Title (French)")).fill(f"Mentions légales ({lang})")
    page.get_by_label(t("Title (English)")).fill(f"Legal notice ({lang})")
    page.get_by_label(t("Text (French)")).fill("Éditeur : la **mairie** de Villeneuve-sur-Lot.")
    page.get_by_role("button", name=t("Save and publish")).click()
    expect(flash(page)).to_contain_text(t("The page is saved and published."))

    title = f"Mentions légales ({lang})" if lang == "fr" else f"Legal notice ({lang})"
    link = page.locator("footer").get_by_role("link", name=title)
    for _ in range(30):  # the server's other worker reads the list again within FOOTER_SECONDS
        page.goto("/territories/villeneuve-sur-lot")
        if link.count():
            break
        page.wait_for_timeout(500)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main")).to_contain_text("mairie")
    audit.check(page, "added-page")
    headings_in_order(page)


def header_fits_a_phone(page):
    """On a phone the language switch shares the brand's row and the header keeps the page
    in view (at most a quarter of the screen). Measured once the page's style sheets and fonts
    are in (a busy machine may be asked mid-layout)."""
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    brand = page.locator(".site-header .brand").bounding_box()
    switch = page.locator(".site-header .lang-switch button").bounding_box()
    assert abs((brand["y"] + brand["height"] / 2) - (switch["y"] + switch["height"] / 2)) < 8
    assert switch["x"] > brand["x"] + brand["width"]
    assert page.locator(".site-header").bounding_box()["height"] <= MOBILE["height"] / 4


def test_the_api_documentation_runs_under_the_content_security_policy(page):
    """The vendored Swagger UI needs nothing the site-wide policy refuses (checked on the console
    by every browser test): it lists the operations and opens one."""
    page.goto("/api/v1/docs")
    operations = page.locator("#swagger-ui .opblock-summary")
    expect(operations.first).to_be_visible()
    # Swagger UI's own title block (a second h1) is left out: the page's h1 says the same.
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    operations.first.click()
    expect(page.locator("#swagger-ui .opblock-body").first).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_api_documentation_has_one_main_landmark_once_the_explorer_is_drawn(page, audit, lang):
    """Swagger UI lays its operations out in a <main>: inside the page's, screen readers would
    find two main landmarks, one in the other. It is a named region instead, which React still
    updates. The explorer drawn, and an operation opened, the page is valid HTML (its tags, its
    operations' buttons and their example tabs drawn by our plugin) and passes axe."""
    set_language(page, lang)
    page.goto("/api/v1/docs")
    operations = page.locator("#swagger-ui .opblock-summary")
    expect(operations.first).to_be_visible()
    expect(page.locator("main")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("region", name="API operations").locator(".opblock-summary").first).to_be_visible()
    audit.check(page, "api-docs")
    operations.nth(1).click()
    expect(page.locator("#swagger-ui .opblock-body").first).to_be_visible()
    expect(page.get_by_role("tab", name="Example Value", selected=True).first).to_be_visible()
    audit.check(page, "api-docs-operation")
