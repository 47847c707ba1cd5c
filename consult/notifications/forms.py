"""Forms of the notifications blueprint."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField

from .models import FREQUENCIES
from .services import KINDS, MANDATORY_KINDS
from .texts import FREQUENCY_LABELS, KIND_LABELS


class ActionForm(FlaskForm):
    """A button that only needs CSRF protection (follow, mark read…)."""

    next = HiddenField()


class PreferencesForm(FlaskForm):
    """One select per kind of event; mandatory kinds are shown but not editable."""

    def __init__(self, current, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    @classmethod
    def build(cls, current, formdata=None):
        class _Form(cls):
            pass

        choices = [SelectChoice(f, FREQUENCY_LABELS[f]) for f in FREQUENCIES]
        for kind in KINDS:
            if kind in MANDATORY_KINDS:
                continue
            setattr(_Form, kind, SelectField(KIND_LABELS[kind], choices=choices, default=current[kind]))
        form = _Form(current, formdata=formdata)
        return form

    def kind_fields(self):
        return [self[kind] for kind in KINDS if kind not in MANDATORY_KINDS]


MANDATORY_HINT = _l("Always sent immediately by email and kept in your notification centre.")
