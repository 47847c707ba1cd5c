"""The server-rendered charts of the results page."""
import re

from consult.votes.charts import LABEL_WIDTH, hbar_chart


def test_bar_labels_are_shortened_to_fit_left_of_the_bars():
    svg = str(hbar_chart("ranking", "Ranking", [("Une piste cyclable sécurisée vers le collège Jean-Moulin", 5),
                                                 ("Un frigo solidaire", 3)]))
    labels = re.findall(r'<text x="(\d+)" y="\d+" text-anchor="end" class="chart-label">([^<]*)</text>', svg)
    assert labels == [(str(LABEL_WIDTH - 8), "Une piste cyclable sécurisée…"), (str(LABEL_WIDTH - 8), "Un frigo solidaire")]
    assert 'role="img"' in svg and '<title id="ranking-title">Ranking</title>' in svg
    assert '<rect x="250" y="9" width="320.0"' in svg and '<rect x="250" y="39" width="192.0"' in svg
