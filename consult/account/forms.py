"""Forms of the /me pages: profile, password, email address, deleting the account."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from ..auth.forms import NAME_LENGTH, NAME_MAX, NAME_MIN, email_field, new_password_fields
from ..text import one_line

LANGUAGE_CHOICES = [SelectChoice("fr", "Français", render_kw={"lang": "fr"}),
                    SelectChoice("en", "English", render_kw={"lang": "en"})]


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Display name"), filters=[one_line],
        validators=[DataRequired(_l("Enter the name other people will see.")),
                    Length(min=NAME_MIN, max=NAME_MAX, message=NAME_LENGTH)],
        description=_l("Shown next to your proposals and comments."),
    )
    locale = SelectField(
        _l("Preferred language"), choices=LANGUAGE_CHOICES,
        validators=[DataRequired(_l("Choose a language."))],
        description=_l("Used for the pages you see when signed in, and for the emails we send you."),
        # Always has a value: a required <select> would need an empty first option (invalid HTML).
        render_kw={"required": False},
    )


class IsPasswordOf:
    """Validator: the field holds the password of the form's person (`form.user`)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.data and not form.user.check_password(field.data):
            raise ValidationError(self.message)


def current_password_field(label=_l("Current password"), missing=_l("Enter your current password."),
                           wrong=_l("This is not your current password.")):
    """The person's password, asked again before a change to their account."""
    return PasswordField(label, validators=[InputRequired(missing), IsPasswordOf(wrong)],
                         render_kw={"autocomplete": "current-password"})


class PersonForm(FlaskForm):
    """A form about the signed-in person's own account: `PersonForm(user, ...)`."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class PasswordForm(PersonForm):
    current_password = current_password_field()
    password, confirm = new_password_fields(_l("New password"))


class DeleteAccountForm(PersonForm):
    current_password = current_password_field(_l("Your password"), _l("Enter your password."),
                                              _l("This is not your password."))
    understood = BooleanField(
        _l("I understand that my account is deleted for good and cannot be restored."),
        validators=[DataRequired(_l("Tick this box to confirm."))],
    )


class EmailForm(PersonForm):
    email = email_field(_l("New email address"))
    email_password = current_password_field()  # not `current_password`: the password form is on the same page
