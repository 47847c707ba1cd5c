"""Forms of the auth blueprint: register, sign in, password reset."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from ..text import one_line, strip

PASSWORD_MIN = 10
PASSWORD_MAX = 200
NAME_MIN, NAME_MAX = 2, 80  # a display name, also for `flask create-user`
NAME_LENGTH = _l("Between %(min)d and %(max)d characters, please.")


def email_field(label=None):
    return EmailField(
        label or _l("Email address"), filters=[strip],
        validators=[DataRequired(_l("Enter your email address.")),
                    Email(_l("Enter an email address like name@example.org.")),
                    Length(max=254, message=_l("This address is too long."))],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )


def new_password_fields(label=None):
    """A new password and its confirmation (the second one compares with the first)."""
    password = PasswordField(
        label or _l("Password"),
        validators=[InputRequired(_l("Choose a password.")),
                    Length(min=PASSWORD_MIN,
                           message=_l("Your password needs at least %(min)d characters.", min=PASSWORD_MIN)),
                    Length(max=PASSWORD_MAX,
                           message=_l("Your password may have %(max)d characters at most.", max=PASSWORD_MAX))],
        description=_l("At least %(min)d characters. A few words strung together are easy to remember.",
                       min=PASSWORD_MIN),
        render_kw={"autocomplete": "new-password", "minlength": PASSWORD_MIN},
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[InputRequired(_l("Type your password a second time.")),
                    EqualTo("password", _l("The two passwords are different."))],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class RegisterForm(FlaskForm):
    email = email_field()
    display_name = StringField(
        _l("Display name"), filters=[one_line],
        validators=[DataRequired(_l("Enter the name other people will see.")),
                    Length(min=NAME_MIN, max=NAME_MAX, message=NAME_LENGTH)],
        description=_l("Shown next to your proposals and comments. It can be a first name or a nickname."),
        render_kw={"autocomplete": "nickname"},
    )
    password, confirm = new_password_fields()
    accept_terms = BooleanField(
        _l("I have read and I accept the terms of use"),
        validators=[DataRequired(_l("You need to accept the terms of use to create an account."))],
    )


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Password"), validators=[InputRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class ResetRequestForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password, confirm = new_password_fields(_l("New password"))


class ConfirmForm(FlaskForm):
    """The confirmation link's page: the password chosen when the account was created."""
    password = PasswordField(
        _l("Password"), validators=[InputRequired(_l("Enter your password."))],
        description=_l("The one you chose when creating the account."),
        render_kw={"autocomplete": "current-password"},
    )


class ActionForm(FlaskForm):
    """A button that only carries the CSRF token."""
