"""The server-rendered charts of the results page."""
import re

from consult.votes.charts import LABEL_WIDTH, WIDTH, hbar_chart, line_chart


def test_bar_labels_are_shortened_to_fit_left_of_the_bars():
    svg = str(hbar_chart("ranking", "Ranking", [("Une piste cyclable sécurisée vers le collège Jean-Moulin", 5),
                                                 ("Un frigo solidaire", 3)]))
    labels = re.findall(r'<text x="(\d+)" y="\d+" text-anchor="end" class="chart-label">([^<]*)</text>', svg)
    assert labels == [(str(LABEL_WIDTH - 8), "Une piste cyclable sécurisée…"), (str(LABEL_WIDTH - 8), "Un frigo solidaire")]
    assert 'role="img"' in svg and '<title id="ranking-title">Ranking</title>' in svg
    assert '<rect x="250" y="9" width="320.0"' in svg and '<rect x="250" y="39" width="192.0"' in svg


def test_dates_under_the_line_chart_never_crowd_the_last_one():
    for days in (1, 2, 8, 9, 16, 17, 30):
        labels = [f"{d + 1} Nov" for d in range(days)]
        svg = str(line_chart("time", "Over time", labels, [("Votes", list(range(days)))]))
        ticks = [(float(x), anchor, text) for x, anchor, text in re.findall(
            r'<text x="([\d.]+)" y="\d+" text-anchor="(\w+)" class="chart-tick">([^<]*Nov)</text>', svg)]
        assert ticks[-1][2] == labels[-1] and len(ticks) <= 9, days
        if days > 1:
            assert ticks[-1][1] == "end" and ticks[-1][0] <= WIDTH  # the last date is not cut off
            gaps = [b[0] - a[0] for a, b in zip(ticks, ticks[1:])]
            assert min(gaps) >= 60, (days, gaps)  # room for "28 Nov" before the next date
