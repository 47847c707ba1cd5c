"""Accessible charts rendered on the server as SVG.

Each chart has role="img", a <title> and a <desc> it is labelled by, and prints its
values as text (never colour alone). Templates follow each chart with the same figures
in a data table. The drawings have no viewBox, so that their text keeps the page's size
on a phone instead of shrinking with the drawing: heights are in px, positions along the
width in % of it. Only the lines of a line chart are drawn in a stretched inner drawing
(no text in it), as one polyline per series, so that its dash pattern runs on from day to
day; the stylesheet keeps their stroke from stretching (vector-effect).
"""
import textwrap

from markupsafe import Markup, escape

BAR_ROW = 44  # px: a label of one line, and its bar under it
LABEL_LINE = 34  # characters on a line of a label: 13 px text fits a 320 px screen (288 px of drawing)
LABEL_LINES = 2  # at most; the last one is cut short
LINE_HEIGHT = 16  # px between two lines of a label
BAR_SHARE = 80  # % of the width for the longest bar; the rest is room for its value
LINE_LEFT, LINE_RIGHT = 9, 97  # % of the width: where the time axis starts and ends
LINE_WIDTH = 1000  # units across the inner drawing of the lines (stretched to the axis' width)
DATES = 5  # at most so many dates under the time axis (they must fit on a phone)
END_GAP = 25  # % of the width kept free of dates next to the first and the last: they run from the ends
KEY_ROW = 22  # px between two keys: one a row, as a long name ("Participantes et participants") fills a phone's width
SERIES_STYLES = (  # stroke colour, dash pattern, marker: series differ by more than colour
    ("var(--accent-ink, #1d4ed8)", "", "circle"),  # the accent darkened to read on white
    ("#b42318", "6 4", "square"),
    ("#027a48", "2 3", "diamond"),
    ("#6941c6", "10 3 2 3", "triangle"),
)


def _lines(text):
    """A label on lines that fit a phone's width, at the 13 px of .chart-label; the last one
    cut short when there is more (the table under the chart gives it whole)."""
    lines = textwrap.wrap(str(text), LABEL_LINE) or [""]
    if len(lines) <= LABEL_LINES:
        return lines
    rest = " ".join(lines[LABEL_LINES - 1:])
    return lines[: LABEL_LINES - 1] + [rest[: LABEL_LINE - 1].rstrip() + "…"]


def _open(chart_id, title, description, height):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="100%" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description or "")}</desc>'
    )


def _fmt(value, number_format):
    return escape(number_format(value) if number_format else value)


def hbar_chart(chart_id, title, rows, description="", number_format=None):
    """Horizontal bars, each under its label, the value written after it: rows is a list
    of (label, value)."""
    rows = [(_lines(label), value) for label, value in rows]
    height = sum(BAR_ROW + LINE_HEIGHT * (len(lines) - 1) for lines, _ in rows) or BAR_ROW
    biggest = max([v for _, v in rows] + [1])
    parts = [_open(chart_id, title, description, height)]
    y = 0
    for lines, value in rows:
        share = round(BAR_SHARE * value / biggest, 2) if value > 0 else 0  # a negative balance: no bar
        parts.append('<g class="chart-row">')
        parts.extend(f'<text x="0" y="{y + 15 + LINE_HEIGHT * n}" class="chart-label">{escape(line)}</text>'
                     for n, line in enumerate(lines))
        y += LINE_HEIGHT * (len(lines) - 1)
        parts.append(
            f'<rect x="0" y="{y + 21}" width="{share}%" height="16" rx="3" class="chart-bar"/>'
            f'<text x="{share}%" dx="6" y="{y + 34}" class="chart-value">{_fmt(value, number_format)}</text></g>'
        )
        y += BAR_ROW
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(chart_id, title, labels, series, description="", number_format=None):
    """Lines over time: labels for the x axis, series a list of (name, values)."""
    labels = list(labels)
    top, plot_h = 16, 180
    keys_y = top + plot_h + 46  # the first row of keys, under the dates
    height = keys_y + KEY_ROW * (len(series) - 1) + 18
    biggest = max([v for _, values in series for v in values] + [1])
    n = max(len(labels), 1)

    def x(i):  # % of the width, between the axis (LINE_LEFT) and LINE_RIGHT
        return round(LINE_LEFT + (LINE_RIGHT - LINE_LEFT) * (i / (n - 1) if n > 1 else 0.5), 2)

    def y(v):
        return round(top + plot_h - plot_h * v / biggest, 1)

    parts = [_open(chart_id, title, description, height)]
    parts.append(f'<line x1="{LINE_LEFT}%" y1="{top + plot_h}" x2="{LINE_RIGHT}%" y2="{top + plot_h}" class="chart-axis"/>')
    parts.append(f'<line x1="{LINE_LEFT}%" y1="{top}" x2="{LINE_LEFT}%" y2="{top + plot_h}" class="chart-axis"/>')
    parts.append(f'<text x="{LINE_LEFT}%" dx="-6" y="{top + 4}" text-anchor="end" class="chart-tick">'
                 f'{_fmt(biggest, number_format)}</text>')
    parts.append(f'<text x="{LINE_LEFT}%" dx="-6" y="{top + plot_h + 4}" text-anchor="end" class="chart-tick">0</text>')
    every = max(1, -(-n // DATES))  # at most DATES dates under the axis, the last one always
    for i, label in enumerate(labels):
        last = i == n - 1
        if last or i == 0 or (i % every == 0 and n - 1 - i >= every
                              and min(x(i) - LINE_LEFT, LINE_RIGHT - x(i)) >= END_GAP):
            # the first date starts at the axis' start and the last one ends at its end
            anchor = "middle" if n == 1 else "start" if i == 0 else "end" if last else "middle"
            parts.append(f'<text x="{x(i)}%" y="{top + plot_h + 18}" text-anchor="{anchor}" '
                         f'class="chart-tick">{escape(label)}</text>')
    parts.append(_shapes(chart_id))
    for s, (name, values) in enumerate(series):
        colour, dash, marker = SERIES_STYLES[s % len(SERIES_STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        shape = f'xlink:href="#{chart_id}-{marker}"'
        parts.append(f'<g class="chart-series" stroke="{colour}" stroke-width="2.5" fill="{colour}"{dash_attr}>')
        if n > 1:
            points = " ".join(f"{round(LINE_WIDTH * i / (n - 1), 1)},{y(v) - top}" for i, v in enumerate(values))
            parts.append(f'<svg x="{LINE_LEFT}%" y="{top}" width="{LINE_RIGHT - LINE_LEFT}%" height="{plot_h}" '
                         f'viewBox="0 0 {LINE_WIDTH} {plot_h}" preserveAspectRatio="none" overflow="visible">'
                         f'<polyline points="{points}" fill="none"/></svg>')
        parts.extend(f'<use {shape} x="{x(i)}%" y="{y(v)}"/>' for i, v in enumerate(values))
        key_y = keys_y + KEY_ROW * s
        parts.append(f'<use xlink:href="#{chart_id}-key" x="0" y="{key_y}"/>'
                     f'<use {shape} x="0" y="{key_y}" transform="translate(10 0)"/></g>'
                     f'<text x="0" dx="26" y="{key_y + 4}" class="chart-legend">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _shapes(chart_id):
    """The markers of the points, drawn around (0, 0), and the line of the legend, placed by
    <use> (whose x may be a % of the width)."""
    return (f'<defs><circle id="{chart_id}-circle" r="3.5" stroke="none"/>'
            f'<rect id="{chart_id}-square" x="-3.5" y="-3.5" width="7" height="7" stroke="none"/>'
            f'<polygon id="{chart_id}-diamond" points="0,-5 5,0 0,5 -5,0" stroke="none"/>'
            f'<polygon id="{chart_id}-triangle" points="0,-5 5,4 -5,4" stroke="none"/>'
            f'<line id="{chart_id}-key" x1="0" y1="0" x2="20" y2="0"/></defs>')
