"""The base of the API's marshmallow schemas: validation messages in the request's language.

marshmallow words its messages in English and formats them when it raises an error. As
`Schema` binds its fields, it marks those messages as `Message`s, which are translated (in
the language of the request being validated) when they are formatted. A message our code
gives (error=…) is ours: it is already translated.
"""
from string import Formatter

import marshmallow as ma
from flask_babel import gettext


def N_(text):
    """Marks one of marshmallow's messages for the catalogs; Message translates it when used."""
    return text


MARSHMALLOW_MESSAGES = frozenset((
    # fields
    N_("Missing data for required field."), N_("Field may not be null."), N_("Invalid value."),
    N_("Not a valid string."), N_("Not a valid utf-8 string."), N_("Not a valid number."),
    N_("Number too large."), N_("Not a valid integer."),
    N_("Special numeric values (nan or infinity) are not permitted."), N_("Not a valid boolean."),
    N_("Not a valid datetime."), N_("Not a valid naive datetime."), N_("Invalid type."),
    N_("Not a valid list."), N_("Not a valid mapping type."),
    # schemas
    N_("Invalid input type."), N_("Unknown field."),
    # validators
    N_("Must be one of: {choices}."),
    N_("Shorter than minimum length {min}."), N_("Longer than maximum length {max}."),
    N_("Length must be between {min} and {max}."), N_("Length must be {equal}."),
    N_("Must be greater than or equal to {min}."), N_("Must be greater than {min}."),
    N_("Must be less than or equal to {max}."), N_("Must be less than {max}."),
    N_("Must be greater than or equal to {min} and less than or equal to {max}."),
    N_("Must be greater than or equal to {min} and less than {max}."),
    N_("Must be greater than {min} and less than or equal to {max}."),
    N_("Must be greater than {min} and less than {max}."),
))
VALIDATOR_MESSAGES = ("error", "message_min", "message_max", "message_all", "message_equal")


class Message(str):
    """One of marshmallow's English messages: translated, then formatted (the numbers it shows as
    the language writes them: "10,000", « 10 000 », as the site's messages say them). marshmallow
    also passes what was sent (`input`), which no message shows: it is left as it came."""

    __slots__ = ()

    def format(self, *args, **kwargs):
        from ..core.templating import number

        text = gettext(str(self))
        shown = {name for _, name, _, _ in Formatter().parse(text) if name}
        kwargs = {key: number(value) if key in shown and type(value) is int else value
                  for key, value in kwargs.items()}
        return text.format(*args, **kwargs)


def _marked(message, field=None):
    if type(message) is not str:
        return message
    if field is not None and hasattr(field, "OBJ_TYPE"):  # "Not a valid {obj_type}." for dates and times
        awareness = getattr(field, "AWARENESS", "")
        message = message.replace("{obj_type}", field.OBJ_TYPE).replace("{awareness}", awareness)
    return Message(message) if message in MARSHMALLOW_MESSAGES else message


def _mark(field):
    """Mark the messages of a bound field, of its validators and of its inner fields."""
    field.error_messages = {key: _marked(message, field) for key, message in field.error_messages.items()}
    for validator in field.validators:
        for name in VALIDATOR_MESSAGES:
            if hasattr(validator, name):
                setattr(validator, name, _marked(getattr(validator, name)))
    for inner in (getattr(field, "inner", None), getattr(field, "key_field", None), getattr(field, "value_field", None)):
        if inner is not None:
            _mark(inner)


def _formatted(messages):
    if isinstance(messages, Message):
        return messages.format()
    if isinstance(messages, dict):
        return {key: _formatted(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [_formatted(message) for message in messages]
    return messages


class Schema(ma.Schema):
    """Every API schema derives from this one (nested ones too): its messages follow the request."""

    error_messages = {key: Message(ma.Schema._default_error_messages[key]) for key in ("type", "unknown")}

    def on_bind_field(self, field_name, field_obj):
        _mark(field_obj)

    def handle_error(self, error, data, **kwargs):
        """marshmallow stores the schema's own messages unformatted: they are translated here."""
        error.messages = _formatted(error.messages)
