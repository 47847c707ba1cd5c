"""The back office on a phone: no page scrolls sideways (a wide table scrolls inside its frame),
for the platform admin, a territory admin and the moderation pages; the pages the platform
admin owns are audited too."""
import pytest
from playwright.sync_api import expect

from .helpers import LANGUAGES, MOBILE, Texts, expect_language, no_horizontal_scroll, set_language, sign_in

TERRITORY = "/admin/territories/villeneuve-sur-lot"

# A table wider than its frame scrolls in it: the frame is wider inside than out, the page is not.
TABLES_SCROLL_IN_THEIR_FRAME = """() => [...document.querySelectorAll('.table-wrap')]
  .map(w => [w.scrollWidth, w.clientWidth, getComputedStyle(w).overflowX])"""


def visit(page, lang, path, audit=None, label=None):
    page.goto(path)
    expect_language(page, lang)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    if audit is not None:
        audit.check(page, label)
    no_horizontal_scroll(page)


def signed_in_on_a_phone(page, lang, email):
    page.set_viewport_size(MOBILE)
    set_language(page, lang)
    sign_in(page, Texts(lang), email)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_platform_admin_pages_fit_a_phone(page, audit, lang):
    signed_in_on_a_phone(page, lang, "admin@example.org")
    visit(page, lang, "/admin/", audit, "admin")
    # The territories table is wider than a phone: it scrolls inside its frame.
    frames = page.evaluate(TABLES_SCROLL_IN_THEIR_FRAME)
    assert any(inner > outer and overflow == "auto" for inner, outer, overflow in frames), frames
    visit(page, lang, "/admin/territories/new", audit, "territory-new")
    visit(page, lang, f"{TERRITORY}/edit", audit, "territory-edit")
    visit(page, lang, f"{TERRITORY}/members", audit, "members")
    visit(page, lang, f"{TERRITORY}/residents", audit, "residents")
    visit(page, lang, f"{TERRITORY}/consultations")
    visit(page, lang, "/admin/pages/terms", audit, "page-edit")
    visit(page, lang, "/admin/pages/new", audit, "page-new")
    visit(page, lang, "/admin/platform-admins", audit, "platform-admins")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_territory_admin_and_moderation_pages_fit_a_phone(page, audit, lang):
    signed_in_on_a_phone(page, lang, "mairie@example.org")
    for path in ("/admin/", f"{TERRITORY}/consultations", f"{TERRITORY}/consultations/new",
                 f"{TERRITORY}/members", f"{TERRITORY}/residents",
                 "/moderation/", "/moderation/log", "/moderation/appeals"):
        visit(page, lang, path, audit, path.strip("/").replace("/", "-"))
    page.goto(f"{TERRITORY}/consultations")
    edit = page.locator("main a[href^='/admin/consultations/'][href$='/edit']").first.get_attribute("href")
    visit(page, lang, edit, audit, "consultation-edit")


def test_proposal_status_badge_keeps_its_distance_from_the_text(page):
    page.set_viewport_size(MOBILE)
    page.goto("/proposals/1")
    badges = page.locator(".proposal > header .proposal-badges").bounding_box()
    body = page.locator(".proposal-body").bounding_box()
    assert body["y"] - (badges["y"] + badges["height"]) >= 12
