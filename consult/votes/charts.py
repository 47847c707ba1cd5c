"""Accessible charts rendered on the server as SVG.

Each chart has role="img", a <title> and a <desc> it is labelled by, and prints its
values as text (never colour alone). Templates follow each chart with the same figures
in a data table.
"""
from markupsafe import Markup, escape

WIDTH = 640
BAR_ROW = 30
LABEL_WIDTH = 250
VALUE_ROOM = 70
SERIES_STYLES = (  # stroke colour, dash pattern, marker: series differ by more than colour
    ("var(--accent, #1d4ed8)", "", "circle"),
    ("#b42318", "6 4", "square"),
    ("#027a48", "2 3", "diamond"),
)


def _short(text, limit=30):  # fits in LABEL_WIDTH at the 13 px of .chart-label
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open(chart_id, title, description, height):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description or "")}</desc>'
    )


def _fmt(value, number_format):
    return escape(number_format(value) if number_format else value)


def hbar_chart(chart_id, title, rows, description="", number_format=None):
    """Horizontal bars: rows is a list of (label, value)."""
    rows = list(rows)
    height = max(len(rows), 1) * BAR_ROW + 10
    biggest = max([v for _, v in rows] + [1])
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    parts = [_open(chart_id, title, description, height)]
    for i, (label, value) in enumerate(rows):
        y = 5 + i * BAR_ROW
        width = round(room * value / biggest, 1) if value else 0
        parts.append(
            f'<g class="chart-row"><text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end" '
            f'class="chart-label">{escape(_short(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width}" height="{BAR_ROW - 10}" rx="3" '
            f'class="chart-bar"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 19}" class="chart-value">'
            f'{_fmt(value, number_format)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(chart_id, title, labels, series, description="", number_format=None):
    """Lines over time: labels for the x axis, series a list of (name, values)."""
    labels = list(labels)
    height, left, right, top, bottom = 260, 48, 16, 16, 64
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    biggest = max([v for _, values in series for v in values] + [1])
    n = max(len(labels), 1)
    step = plot_w / (n - 1) if n > 1 else 0

    def x(i):
        return round(left + (i * step if n > 1 else plot_w / 2), 1)

    def y(v):
        return round(top + plot_h - plot_h * v / biggest, 1)

    parts = [_open(chart_id, title, description, height)]
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - right}" y2="{top + plot_h}" class="chart-axis"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" class="chart-axis"/>')
    parts.append(f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" class="chart-tick">{_fmt(biggest, number_format)}</text>')
    parts.append(f'<text x="{left - 6}" y="{top + plot_h + 4}" text-anchor="end" class="chart-tick">0</text>')
    every = max(1, -(-n // 8))  # at most 8 dates under the axis, the last one always
    for i, label in enumerate(labels):
        last = i == n - 1
        if last or (i % every == 0 and n - 1 - i >= every):
            anchor = "end" if last and n > 1 else "middle"  # the last date ends at the axis' end
            parts.append(f'<text x="{x(i)}" y="{top + plot_h + 18}" text-anchor="{anchor}" '
                         f'class="chart-tick">{escape(label)}</text>')
    for s, (name, values) in enumerate(series):
        colour, dash, marker = SERIES_STYLES[s % len(SERIES_STYLES)]
        points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g class="chart-series"><polyline points="{points}" fill="none" stroke="{colour}" '
                     f'stroke-width="2.5"{dash_attr}/>')
        for i, v in enumerate(values):
            parts.append(_marker(marker, x(i), y(v), colour))
        parts.append("</g>")
        lx = left + s * 180
        ly = height - 14
        parts.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 28}" y2="{ly - 4}" stroke="{colour}" '
                     f'stroke-width="2.5"{dash_attr}/>{_marker(marker, lx + 14, ly - 4, colour)}'
                     f'<text x="{lx + 34}" y="{ly}" class="chart-legend">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _marker(kind, cx, cy, colour):
    if kind == "square":
        return f'<rect x="{cx - 3.5}" y="{cy - 3.5}" width="7" height="7" fill="{colour}"/>'
    if kind == "diamond":
        return (f'<polygon points="{cx},{cy - 5} {cx + 5},{cy} {cx},{cy + 5} {cx - 5},{cy}" '
                f'fill="{colour}"/>')
    return f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="{colour}"/>'
