"""Forms of the votes blueprint."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField


class VoteForm(FlaskForm):
    """A vote: its value is checked against the consultation's mode by the service."""

    value = StringField(_l("Your vote"))
    next = HiddenField()


class WithdrawForm(FlaskForm):
    next = HiddenField()
