"""Address names (slugs), as of the platform pages and the territories: their length, their
shape, the reserved words and whether another one already uses them, checked in one place."""
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from ..extensions import db
from ..text import SLUG

MIN_LENGTH = 2


class AddressNames:
    """The address names stored in `column` (unique): at most `max_length` characters, none of
    `reserved`; `taken` is the sentence said of one that another row already uses."""

    def __init__(self, column, max_length, reserved, taken):
        self.column, self.max_length, self.reserved, self.taken = column, max_length, frozenset(reserved), taken

    def malformed(self, slug):
        """What is wrong with `slug` itself ("length", "shape", "reserved"), or None."""
        if not MIN_LENGTH <= len(slug) <= self.max_length:
            return "length"
        if not SLUG.match(slug):
            return "shape"
        if slug in self.reserved:
            return "reserved"
        return None

    def problem(self, slug, own=None):
        """Why `slug` cannot be used: a malformed() reason, "taken", or None. `own` is the address
        name the row being edited has now: it may keep it."""
        fault = self.malformed(slug)
        if fault is None and slug != own and db.session.scalar(
                db.select(self.column).where(self.column == slug)) is not None:
            fault = "taken"
        return fault

    def message(self, problem):
        return {
            "length": _l("The address name must have 2 to %(max)s characters.", max=self.max_length),
            "shape": _l("Use lower-case letters, digits and single hyphens only."),
            "reserved": _l("This address name is reserved. Please choose another one."),
            "taken": self.taken,
        }[problem]

    def check(self, slug, own=None):
        """For a form's validator: ValidationError with the message of the problem, if any."""
        problem = self.problem(slug, own)
        if problem is not None:
            raise ValidationError(self.message(problem))
