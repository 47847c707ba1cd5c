"""Forms of the /me pages: profile, password, email address, deleting the account."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from ..auth.forms import email_field, new_password_fields
from ..text import strip

LANGUAGE_CHOICES = [SelectChoice("fr", "Français", render_kw={"lang": "fr"}),
                    SelectChoice("en", "English", render_kw={"lang": "en"})]


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Display name"), filters=[strip],
        validators=[DataRequired(_l("Enter the name other people will see.")),
                    Length(min=2, max=80, message=_l("Between 2 and 80 characters, please."))],
        description=_l("Shown next to your proposals and comments."),
    )
    locale = SelectField(
        _l("Preferred language"), choices=LANGUAGE_CHOICES,
        validators=[DataRequired(_l("Choose a language."))],
        description=_l("Used for the pages you see when signed in, and for the emails we send you."),
        # Always has a value: a required <select> would need an empty first option (invalid HTML).
        render_kw={"required": False},
    )


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
    password, confirm = new_password_fields(_l("New password"))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_current_password(self, field):
        if field.data and not self.user.check_password(field.data):
            raise ValidationError(_l("This is not your current password."))


class DeleteAccountForm(FlaskForm):
    current_password = PasswordField(
        _l("Your password"), validators=[InputRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    understood = BooleanField(
        _l("I understand that my account is deleted for good and cannot be restored."),
        validators=[DataRequired(_l("Tick this box to confirm."))],
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_current_password(self, field):
        if field.data and not self.user.check_password(field.data):
            raise ValidationError(_l("This is not your password."))


class EmailForm(FlaskForm):
    email = email_field(_l("New email address"))
    email_password = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_email_password(self, field):
        if field.data and not self.user.check_password(field.data):
            raise ValidationError(_l("This is not your current password."))
