"""The base of the API's marshmallow schemas: validation messages in the request's language.

marshmallow words its messages in English when a field or a validator is made, and formats
them when it raises an error. As `Schema` binds its fields, it swaps those messages for
`Message`s: the same English text, which formats into its translation, in the language of
the request being validated. A message given by our code (error=…) stays as it is.
"""
import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate


class Message(str):
    """One of marshmallow's messages: its English text, formatted into its translation."""

    def __new__(cls, english, translation):
        message = super().__new__(cls, english)
        message.translation = translation
        return message

    def format(self, *args, **kwargs):
        return str(self.translation).format(*args, **kwargs)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


# By field class and key, as marshmallow words them once formatted: a field takes the
# message of the nearest of its classes in this table.
FIELD_MESSAGES = {
    fields.Field: {"required": _l("Missing data for required field."), "null": _l("Field may not be null."),
                   "validator_failed": _l("Invalid value.")},
    fields.String: {"invalid": _l("Not a valid string."), "invalid_utf8": _l("Not a valid utf-8 string.")},
    fields.Number: {"invalid": _l("Not a valid number."), "too_large": _l("Number too large.")},
    fields.Integer: {"invalid": _l("Not a valid integer.")},
    fields.Float: {"special": _l("Special numeric values (nan or infinity) are not permitted.")},
    fields.Boolean: {"invalid": _l("Not a valid boolean.")},
    fields.DateTime: {"invalid": _l("Not a valid datetime.")},
    fields.NaiveDateTime: {"invalid_awareness": _l("Not a valid naive datetime.")},
    fields.Nested: {"type": _l("Invalid type.")},
    fields.List: {"invalid": _l("Not a valid list.")},
    fields.Mapping: {"invalid": _l("Not a valid mapping type.")},
}
SCHEMA_MESSAGES = {"type": _l("Invalid input type."), "unknown": _l("Unknown field.")}

ONE_OF = _l("Must be one of: {choices}.")
LENGTH_MESSAGES = {
    "message_min": _l("Shorter than minimum length {min}."),
    "message_max": _l("Longer than maximum length {max}."),
    "message_all": _l("Length must be between {min} and {max}."),
    "message_equal": _l("Length must be {equal}."),
}
# By whether each bound is inclusive (marshmallow words a Range's messages when it is made).
RANGE_MIN = {True: _l("Must be greater than or equal to {min}."), False: _l("Must be greater than {min}.")}
RANGE_MAX = {True: _l("Must be less than or equal to {max}."), False: _l("Must be less than {max}.")}
RANGE_ALL = {
    (True, True): _l("Must be greater than or equal to {min} and less than or equal to {max}."),
    (True, False): _l("Must be greater than or equal to {min} and less than {max}."),
    (False, True): _l("Must be greater than {min} and less than or equal to {max}."),
    (False, False): _l("Must be greater than {min} and less than {max}."),
}


def _marshmallow_messages(field_class):
    """The messages marshmallow gives a field of this class when our code gives none."""
    messages = {}
    for cls in reversed(field_class.__mro__):
        messages.update(vars(cls).get("default_error_messages", {}))
    return messages


def _field_translation(field_class, key):
    for cls in field_class.__mro__:
        if key in FIELD_MESSAGES.get(cls, {}):
            return FIELD_MESSAGES[cls][key]
    return None


def _translate_validator(validator):
    kind = type(validator)
    if kind is validate.OneOf and validator.error == validate.OneOf.default_message:
        validator.error = Message(validator.error, ONE_OF)
    elif kind is validate.Length and validator.error is None:
        for name, translation in LENGTH_MESSAGES.items():
            setattr(validator, name, Message(getattr(validator, name), translation))
    elif kind is validate.Range and validator.error is None:
        validator.message_min = Message(validator.message_min, RANGE_MIN[validator.min_inclusive])
        validator.message_max = Message(validator.message_max, RANGE_MAX[validator.max_inclusive])
        validator.message_all = Message(validator.message_all,
                                        RANGE_ALL[(validator.min_inclusive, validator.max_inclusive)])


def _inner_fields(field):
    if isinstance(field, fields.List):
        return [field.inner]
    if isinstance(field, fields.Tuple):
        return list(field.tuple_fields)
    if isinstance(field, fields.Mapping):
        return [f for f in (field.key_field, field.value_field) if f is not None]
    return []


def _translate(field):
    """Give a bound field, its validators and its inner fields the translated messages."""
    english = _marshmallow_messages(type(field))
    for key, message in list(field.error_messages.items()):
        translation = _field_translation(type(field), key)
        if translation is not None and not isinstance(message, Message) and message == english.get(key):
            field.error_messages[key] = Message(message, translation)
    for validator in field.validators:
        _translate_validator(validator)
    for inner in _inner_fields(field):
        _translate(inner)


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

    error_messages = {key: Message(ma.Schema._default_error_messages[key], translation)
                      for key, translation in SCHEMA_MESSAGES.items()}

    def on_bind_field(self, field_name, field_obj):
        _translate(field_obj)

    def handle_error(self, error, data, **kwargs):
        """The schema's own messages are stored as they are: they are formatted here."""
        error.messages = _formatted(error.messages)
