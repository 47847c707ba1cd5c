"""Journey 1: a visitor browses the consultations, filters them, opens one, a proposal and the results."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import LANGUAGES, MOBILE, Texts, exact, expect_language, no_horizontal_scroll, set_language

BUDGET = {"fr": "Budget participatif : vos projets pour Villeneuve",
          "en": "Participatory budget: your projects for Villeneuve"}
LYON_CYCLING = {"fr": "Plan vélo métropolitain : où circuler demain ?",
                "en": "Metropolitan cycling plan: where will we ride tomorrow?"}
BENCHES = "Des bancs et de l'ombre sur la place Lafayette"


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_visitor_browses_filters_and_reads_results(page, audit, lang, viewport):
    t = Texts(lang)
    mobile = viewport == "mobile"
    if mobile:
        page.set_viewport_size(MOBILE)
    set_language(page, lang)

    def visited(label):
        audit.check(page, label)
        if mobile:
            no_horizontal_scroll(page)

    # The list of consultations, every territory.
    page.goto("/consultations/")
    expect_language(page, lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Consultations"))
    cards = page.locator(".consultation-card")
    expect(cards.get_by_role("link", name=BUDGET[lang])).to_be_visible()
    expect(cards.get_by_role("link", name=LYON_CYCLING[lang])).to_be_visible()
    visited("consultations")

    # Filter: Villeneuve-sur-Lot, public space, open now.
    filters = page.get_by_role("search", name=t("Filter the consultations"))
    filters.get_by_label(t("Territory")).select_option("villeneuve-sur-lot")
    filters.get_by_label(t("Theme")).select_option(label=t("Public space"))
    filters.get_by_label(t("Phase")).select_option(label=t("Open"))
    filters.get_by_role("button", name=t("Show")).click()
    expect(page).to_have_url(re.compile(r"territory=villeneuve-sur-lot.*theme=public_space.*phase=open"))
    expect(cards.get_by_role("link", name=BUDGET[lang])).to_be_visible()
    expect(cards.get_by_role("link", name=LYON_CYCLING[lang])).to_have_count(0)
    expect(page.locator(".listing-summary")).to_have_text(exact(t.n("%(num)s consultation", "%(num)s consultations",
                                                                     cards.count())))
    for card in cards.all():
        expect(card.locator(".consultation-territory")).to_have_text("Villeneuve-sur-Lot")
    visited("consultations-filtered")

    # The consultation: timeline with the current phase, description, proposals.
    cards.get_by_role("link", name=BUDGET[lang]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BUDGET[lang])
    current = page.locator(".timeline li[aria-current=step]")
    expect(current).to_have_count(1)
    expect(current).to_contain_text(t("Proposals"))
    expect(page.get_by_role("heading", name=t("About this consultation"))).to_be_visible()
    expect(page.locator("#proposals-heading")).to_contain_text(t("Proposals"))
    visited("consultation")

    # A proposal, found with the search of the listing.
    listing = page.get_by_role("search", name=t("Filter the proposals"))
    listing.get_by_role("searchbox").fill("place Lafayette")
    listing.get_by_role("button", name=t("Show")).click()
    page.locator(".proposal-cards").get_by_role("link", name=BENCHES, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BENCHES)
    expect(page.locator(".proposal-votes .vote-counts")).to_contain_text(re.compile(r"\d"))
    # Visitors read the votes but are invited to sign in to take part.
    expect(page.get_by_role("link", name=t("Sign in to take part in the debate."))).to_be_visible()
    visited("proposal")

    # Back to the consultation, then its results.
    page.locator(".breadcrumb").get_by_role("link", name=BUDGET[lang]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BUDGET[lang])
    page.get_by_role("link", name=t("See the results")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Results of “%(title)s”", title=BUDGET[lang]))
    ranking = page.locator("table.results-table")
    expect(ranking.get_by_role("link", name=BENCHES, exact=True)).to_be_visible()
    expect(page.locator("[data-figure=proposals]")).to_have_text(re.compile(r"^\d+$"))
    visited("results")

    # Printed for the council: the results and the charts' figures, without the site's menus and buttons.
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.locator(".main-nav")).to_be_hidden()
    expect(page.locator(".lang-switch")).to_be_hidden()
    expect(ranking).to_be_visible()
    expect(page.locator("details.chart-data").first.locator("table")).to_be_visible()
    expect(page.locator(".print-only")).to_contain_text(page.url.split("?")[0])  # where to read it online
    expect(page.locator(".results .consultation-territory")).to_have_text("Villeneuve-sur-Lot")  # whose it is
    expect(page.get_by_role("link", name=t("JSON"))).to_be_hidden()  # a download means nothing on paper
    page.emulate_media(media="screen")
    expect(page.get_by_role("link", name=t("JSON"))).to_be_visible()
    expect(page.locator(".print-only")).to_be_hidden()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("details.chart-data").first.locator("table")).to_be_hidden()
    expect(page.locator(".main-nav")).to_be_visible()


def test_a_listing_with_a_long_answer_badge_fits_a_320_px_screen(page):
    """Reflow (WCAG 1.4.10): 320 CSS px wide, nothing scrolls sideways, not even a card whose
    official answer badge says « Réponse : En cours de réalisation »."""
    t = Texts("fr")
    page.set_viewport_size({"width": 320, "height": 640})
    set_language(page, "fr")
    page.goto("/consultations/")
    page.locator(".consultation-cards").get_by_role("link", name=LYON_CYCLING["fr"]).click()
    expect(page.locator(".answer-badge", has_text=t("In progress")).first).to_be_visible()
    no_horizontal_scroll(page)


def test_the_results_charts_fit_a_320_px_screen(page):
    """Reflow (WCAG 1.4.10): the charts' labels and keys stay inside their drawing on a 320 px
    screen (an SVG cuts off what runs past its edge, without any scroll to reach it)."""
    page.set_viewport_size({"width": 320, "height": 640})
    set_language(page, "fr")
    page.goto("/consultations/1/results")
    cut = page.evaluate("""() => [...document.querySelectorAll('.chart svg text')].filter(text => {
        const drawing = text.ownerSVGElement.getBoundingClientRect(), r = text.getBoundingClientRect();
        return r.left < drawing.left - 1 || r.right > drawing.right + 1; }).map(text => text.textContent)""")
    assert page.locator(".chart-legend").count() == 4
    assert not cut, f"cut off at the edge of their chart: {cut}"
    no_horizontal_scroll(page)
