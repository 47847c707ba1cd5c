"""Forms of the notifications blueprint."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField

from .services import KINDS, MANDATORY_KINDS, STAFF_KINDS, frequencies
from .texts import FREQUENCY_LABELS, KIND_HINTS, KIND_LABELS


class ActionForm(FlaskForm):
    """A button that only needs CSRF protection (follow, mark read…)."""

    next = HiddenField()


class PreferencesForm(FlaskForm):
    """One select per kind of event; mandatory kinds are shown but not editable. The kinds a
    territory's team hears about are offered to its members only (`staff`)."""

    def __init__(self, current, staff=False, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        self.staff = staff

    @classmethod
    def build(cls, current, formdata=None, staff=False):
        class _Form(cls):
            pass

        for kind in _editable(staff):
            choices = [SelectChoice(f, FREQUENCY_LABELS[f]) for f in frequencies(kind)]
            setattr(_Form, kind, SelectField(KIND_LABELS[kind], choices=choices, default=current[kind],
                                             description=KIND_HINTS.get(kind, "")))
        form = _Form(current, staff, formdata=formdata)
        return form

    def kind_fields(self):
        """The kinds everyone hears about."""
        return [self[kind] for kind in _editable(False)]

    def staff_fields(self):
        return [self[kind] for kind in STAFF_KINDS] if self.staff else []

    def all_fields(self):
        return self.kind_fields() + self.staff_fields()


def _editable(staff):
    return [kind for kind in KINDS if kind not in MANDATORY_KINDS and (staff or kind not in STAFF_KINDS)]


MANDATORY_HINT = _l("Always sent immediately by email and kept in your notification centre.")
