"""Form fields that say "this is not a number" in the site's own words and language (the
WTForms defaults speak in another voice), once, not followed by the range's message."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import NumberRange, StopValidation


class WholeNumberField(IntegerField):
    """Something that is not a whole number gets the range's message (it says which numbers
    are welcome), or a general one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ranges = [v.message for v in self.validators if isinstance(v, NumberRange) and v.message]
        self.not_a_number = ranges[0] if ranges else _l("Give a whole number, for example 5.")

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(self.not_a_number)) from None

    def pre_validate(self, form):
        # Said once (the range would say it again); nothing at all is left to Optional or
        # InputRequired.
        if self.process_errors and self.raw_data and self.raw_data[0].strip():
            raise StopValidation()
