"""Territory accent colours, with text that keeps AA contrast whatever colour is picked."""
import re

from markupsafe import Markup

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_ACCENT = "#1d4ed8"


def _channel(value):
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_color):
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(hex_color):
    """Black or white, whichever contrasts more with the background colour."""
    return "#000000" if contrast(hex_color, "#000000") >= contrast(hex_color, "#ffffff") else "#ffffff"


SOFT = "#f4f6f8"  # the light grey of panels and cards (--soft): darker than white


def accent_ink(hex_color):
    """The accent darkened until it reads at 4.5:1 on the light grey of panels, and so on white
    (for links and borders)."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    while contrast(f"#{r:02x}{g:02x}{b:02x}", SOFT) < 4.5:
        r, g, b = (int(c * 0.9) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def accent_style(hex_color):
    """CSS custom properties for an accent colour, as a style attribute value."""
    color = hex_color if hex_color and HEX.match(hex_color) else DEFAULT_ACCENT
    return Markup(f"--accent: {color}; --on-accent: {text_on(color)}; --accent-ink: {accent_ink(color)};")
