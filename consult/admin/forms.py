"""The platform admins' own forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from ..territories.forms import account_email_field


class PlatformAdminForm(FlaskForm):
    email = account_email_field(_l("The person must already have an account, with a confirmed address."))
