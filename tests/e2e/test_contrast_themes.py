"""Forced colours (Windows' contrast themes, here a dark one): the browser recolours text and
boxes, but the results' charts and what only a background marks must be recoloured by the
stylesheet, or they vanish into the black."""
import io
import re

from playwright.sync_api import expect

from consult.core.colors import contrast

from .helpers import set_language

BUDGET = 1  # the demo's participatory budget: its results have charts, its timeline a current phase

# The colour of each drawn part of the charts, against the page's background.
CHART_COLOURS = """() => [...document.querySelectorAll(
    '.chart-label, .chart-value, .chart-tick, .chart-legend, .chart-bar, .chart-axis, .chart-series')]
  .map(el => { const s = getComputedStyle(el); return [el.getAttribute('class'), s.fill, s.stroke]; })"""
DRAWN_WITH = {"chart-axis": ["stroke"], "chart-series": ["fill", "stroke"]}  # the others: fill (text, bars)


def _hex(css):
    r, g, b = (int(n) for n in re.findall(r"\d+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def test_charts_read_in_a_dark_contrast_theme(page):
    set_language(page, "fr")
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(f"/consultations/{BUDGET}/results")
    background = _hex(page.evaluate("() => getComputedStyle(document.body).backgroundColor"))
    assert background == "#000000"  # the theme's canvas, not the site's white
    parts = page.evaluate(CHART_COLOURS)
    assert {kind for kind, _, _ in parts} >= {"chart-label", "chart-value", "chart-bar", "chart-legend"}
    for kind, fill, stroke in parts:
        for paint in DRAWN_WITH.get(kind, ["fill"]):
            drawn = fill if paint == "fill" else stroke
            assert contrast(_hex(drawn), background) >= 4.5, f"{kind} drawn in {drawn} on {background}"


def test_the_current_phase_stands_out_in_a_contrast_theme(page):
    """The current phase of the timeline is told apart by its background, which a contrast theme
    would otherwise paint like the others'."""
    set_language(page, "fr")
    page.emulate_media(forced_colors="active", color_scheme="dark")
    page.goto(f"/consultations/{BUDGET}")
    steps = page.locator(".timeline li")
    expect(page.locator(".timeline li[aria-current=step]")).to_have_count(1)
    painted = [_painted(step) for step in steps.all()]
    current = steps.evaluate_all("els => els.findIndex(el => el.getAttribute('aria-current') === 'step')")
    others = painted[:current] + painted[current + 1:]
    assert painted[current] not in others, f"the current phase is painted like the others: {painted}"


def _painted(element):
    """The colour the screen shows inside an element's right padding (its background)."""
    from PIL import Image

    shot = Image.open(io.BytesIO(element.screenshot())).convert("RGB")
    return shot.getpixel((shot.width - 6, shot.height // 2))
