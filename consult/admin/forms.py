"""The platform admins' own forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import Optional

from ..territories.forms import account_email_field


class PlatformAdminForm(FlaskForm):
    email = account_email_field(_l("The person must already have an account, with a confirmed address."))


class StaffLogFilterForm(FlaskForm):
    """The staff activity log of one territory (its address name), or of all; read from the URL."""
    class Meta:
        csrf = False

    territory = SelectField(_l("Territory"), choices=[], validators=[Optional()])
