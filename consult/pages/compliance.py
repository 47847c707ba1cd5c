"""The compliance status the site's accessibility statement declares (RGAA), as its form offers
it and as the footer of every page repeats it, which French law requires."""
from flask_babel import lazy_gettext as _l

CHOICES = {
    "none": _l("Not compliant"),
    "partial": _l("Partially compliant"),
    "full": _l("Fully compliant"),
}

FOOTER = {
    None: _l("Accessibility"),  # a statement saved before its status was asked
    "none": _l("Accessibility: not compliant"),  # also the built-in statement's: no audit yet
    "partial": _l("Accessibility: partially compliant"),
    "full": _l("Accessibility: fully compliant"),
}
