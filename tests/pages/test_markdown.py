"""Markdown as every page shows it: sanitised, headings under the page's own, and rendered once
per process for the texts shown again and again."""
from consult.text import KEPT_RENDER_LENGTH, render_markdown


def test_markdown_is_sanitised_and_its_headings_stay_under_the_page():
    html = render_markdown('# Titre\n\n<script>alert(1)</script> [lien](javascript:alert(1)) **gras**')
    assert "<h3>Titre</h3>" in html and "<strong>gras</strong>" in html
    assert "<script>" not in html and "href=\"javascript" not in html and "&lt;script&gt;" in html
    assert "<h2>Titre</h2>" in render_markdown("# Titre", top=2)


def test_a_text_shown_again_is_not_rendered_again():
    text = "Des arbres **le long** de la rue."
    first = render_markdown(text)
    assert render_markdown(text) is first
    assert render_markdown(text, top=2) == first  # no heading: the same HTML, kept apart


def test_a_long_text_is_rendered_each_time_and_rendered_whole():
    text = "mot " * (KEPT_RENDER_LENGTH // 4 + 1)
    first = render_markdown(text)
    assert render_markdown(text) is not first and render_markdown(text) == first
    assert first.count("mot") == KEPT_RENDER_LENGTH // 4 + 1
