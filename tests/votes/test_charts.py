"""The server-rendered charts of the results page: their text is drawn without a viewBox, so
that it keeps the page's size on a phone, with positions along the width in %."""
import re

from consult.votes.charts import BAR_SHARE, DATES, LABEL_LINE, LINE_LEFT, LINE_RIGHT, LINE_WIDTH, hbar_chart, line_chart


def test_bars_under_their_labels_on_lines_that_fit_a_phone():
    """A label runs on two lines of at most 34 characters (a 320 px screen), the second cut
    short when there is more; each bar is under its whole label."""
    svg = str(hbar_chart("ranking", "Ranking", [
        ("Une piste cyclable sécurisée vers le collège Jean-Moulin du quartier des Haras", 5),
        ("Un frigo solidaire", 3), ("Rien encore", 0)]))
    assert 'role="img"' in svg and '<title id="ranking-title">Ranking</title>' in svg
    assert "viewBox" not in svg and 'width="100%"' in svg
    labels = re.findall(r'<text x="0" y="(\d+)" class="chart-label">([^<]*)</text>', svg)
    assert labels == [("15", "Une piste cyclable sécurisée vers"), ("31", "le collège Jean-Moulin du quartie…"),
                      ("75", "Un frigo solidaire"), ("119", "Rien encore")]
    assert all(len(text) <= LABEL_LINE for _, text in labels)
    assert re.findall(r'<rect x="0" y="(\d+)"', svg) == ["37", "81", "125"]  # under the last line of each label
    assert 'class="chart-svg" width="100%" height="148"' in svg  # 44 px a row, 16 more for a second line
    bars = re.findall(r'<rect x="0" y="\d+" width="([\d.]+)%"', svg)
    assert [float(b) for b in bars] == [BAR_SHARE, BAR_SHARE * 3 / 5, 0]
    values = re.findall(r'<text x="([\d.]+)%" dx="6" y="\d+" class="chart-value">(\d+)</text>', svg)
    assert [(float(x), v) for x, v in values] == [(BAR_SHARE, "5"), (BAR_SHARE * 3 / 5, "3"), (0, "0")]


def _ticks(svg):
    return [(float(x), anchor, text) for x, anchor, text in re.findall(
        r'<text x="([\d.]+)%" y="\d+" text-anchor="(\w+)" class="chart-tick">([^<]*Nov)</text>', svg)]


def test_dates_under_the_line_chart_never_crowd_each_other():
    for days in (1, 2, 5, 6, 9, 16, 17, 30):
        labels = [f"{d + 1} Nov" for d in range(days)]
        svg = str(line_chart("time", "Over time", labels, [("Votes", list(range(days)))]))
        assert "viewBox" not in re.sub(r"<svg x=.*?</svg>", "", svg)  # only the lines' inner drawing
        assert not re.findall(r"<svg x=[^>]*>(?:(?!</svg>).)*<text", svg)  # stretches: no text in it
        ticks = _ticks(svg)
        assert ticks[-1][2] == labels[-1] and len(ticks) <= DATES + 1, days
        if days == 1:
            assert ticks == [((LINE_LEFT + LINE_RIGHT) / 2, "middle", "1 Nov")]
            continue
        assert ticks[0] == (LINE_LEFT, "start", "1 Nov") and ticks[-1][:2] == (LINE_RIGHT, "end")
        gaps = [b[0] - a[0] for a, b in zip(ticks, ticks[1:])]
        assert min(gaps) >= 15, (days, gaps)  # a date fits in 15 % of a phone's width
        # the first date runs right from the axis' start, the last one left to its end: a
        # date between keeps a date and a half away from them
        assert all(min(x - LINE_LEFT, LINE_RIGHT - x) >= 25 for x, anchor, _ in ticks if anchor == "middle"), (days, ticks)


def test_points_lines_and_keys_of_each_series():
    svg = str(line_chart("time", "Over time", ["1 Nov", "2 Nov", "3 Nov"],
                         [("Votes", [0, 4, 2]), ("Proposals", [1, 0, 0]), ("Comments", [0, 0, 3])]))
    series = re.findall(r'<g class="chart-series" stroke="([^"]+)"[^>]*>(.*?)</g>', svg)
    assert len(series) == 3 and len({colour for colour, _ in series}) == 3
    for marker, (_, drawing) in zip(("circle", "square", "diamond"), series):
        # one line through the days, so that its dash pattern runs on
        assert drawing.count("<polyline ") == 1 and "<line " not in drawing
        assert drawing.count(f'xlink:href="#time-{marker}"') == 4  # 3 points and the key
    assert re.findall(r'class="chart-legend">([^<]*)<', svg) == ["Votes", "Proposals", "Comments"]
    # the highest point is at the top of the plot, zero on the axis
    assert f'<use xlink:href="#time-circle" x="{(LINE_LEFT + LINE_RIGHT) / 2}%" y="16.0"/>' in svg
    assert f'<use xlink:href="#time-circle" x="{float(LINE_LEFT)}%" y="196.0"/>' in svg
    # the lines' drawing spans the axis: 0 at its start, LINE_WIDTH at its end, zero at the bottom
    assert re.search(rf'<svg x="{LINE_LEFT}%" y="16" width="{LINE_RIGHT - LINE_LEFT}%" height="180" '
                     rf'viewBox="0 0 {LINE_WIDTH} 180" preserveAspectRatio="none"', svg)
    assert '<polyline points="0.0,180.0 500.0,0.0 1000.0,90.0" fill="none"/>' in svg


def test_four_series_differ_by_their_marks_and_have_their_keys_one_a_row():
    """One key a row: a long name (« Participantes et participants ») from the middle of a
    320 px screen would run off it."""
    names = ("Votes", "Proposals", "Comments", "Participants")
    svg = str(line_chart("time", "Over time", ["1 Nov", "2 Nov"], [(n, [1, 2]) for n in names]))
    series = re.findall(r'<g class="chart-series" stroke="([^"]+)"([^>]*)>(.*?)</g>', svg)
    assert len({colour for colour, _, _ in series}) == 4 and len({dash for _, dash, _ in series}) == 4
    for marker, (_, _, drawing) in zip(("circle", "square", "diamond", "triangle"), series):
        assert drawing.count(f'xlink:href="#time-{marker}"') == 3  # 2 points and the key
    keys = re.findall(r'<text x="0" dx="26" y="(\d+)" class="chart-legend">([^<]*)<', svg)
    assert keys == [("246", "Votes"), ("268", "Proposals"), ("290", "Comments"),
                    ("312", "Participants")]  # under the dates (y 214), inside the drawing
    assert 'class="chart-svg" width="100%" height="326"' in svg


def test_a_pale_accent_still_draws_bars_and_lines_that_read_on_white(client, make):
    """A town may pick a pale accent (a yellow): the charts draw their data in the accent
    darkened to read on white (--accent-ink), not in the accent itself (WCAG 1.4.11, 3:1)."""
    from consult.core.colors import contrast

    consultation = make.consultation(make.territory(accent_color="#ffd500"), phase="vote")
    make.proposal(consultation, votes_for=3)
    page = client.get(f"/consultations/{consultation.id}/results").text
    ink = re.search(r'class="results" style="[^"]*--accent-ink: (#[0-9a-f]{6})', page).group(1)
    assert contrast("#ffd500", "#ffffff") < 3 <= contrast(ink, "#ffffff")
    assert '<g class="chart-series" stroke="var(--accent-ink, #1d4ed8)"' in page  # the votes' line
    response = client.get("/static/css/consult.css")
    stylesheet = response.text
    response.close()
    assert re.search(r"\.chart-bar \{ fill: var\(--accent-ink\b", stylesheet)
