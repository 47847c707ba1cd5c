"""The platform admins' own forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields import EmailField
from wtforms.validators import DataRequired, Email, Length

from ..text import strip


class PlatformAdminForm(FlaskForm):
    email = EmailField(_l("Email address"), filters=[strip],
                       validators=[DataRequired(message=_l("Please give an email address.")),
                                   Email(message=_l("Please give a valid email address.")), Length(max=254)],
                       description=_l("The person must already have an account, with a confirmed address."))
