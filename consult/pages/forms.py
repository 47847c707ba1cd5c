"""The platform admin's forms for a platform page (bilingual title and Markdown body)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..text import strip
from .compliance import CHOICES
from .services import ADDRESS_NAMES


class PageForm(FlaskForm):
    title_fr = StringField(_l("Title (French)"), validators=[DataRequired(), Length(max=200)], render_kw={"lang": "fr"})
    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=200)],
                           description=_l("Left empty, the French title is shown."), render_kw={"lang": "en"})
    body_fr = TextAreaField(_l("Text (French)"),
                            validators=[DataRequired(message=_l("Please write the text of the page in French.")),
                                        Length(max=50000)],
                            description=_l("Markdown is accepted."), render_kw={"rows": 16, "lang": "fr"})
    body_en = TextAreaField(_l("Text (English)"), validators=[Optional(), Length(max=50000)],
                            description=_l("Left empty, the French text is shown."),
                            render_kw={"rows": 16, "lang": "en"})


class NewPageForm(PageForm):
    """A new page: its address name comes first, checked against the pages that exist."""
    slug = StringField(
        _l("Address name"), filters=[strip],
        validators=[DataRequired(message=_l("Please give an address name for the page."))],
        description=_l("Lower-case letters, digits and hyphens, used in the address of the page: "
                       "“legal-notice” gives /pages/legal-notice. It cannot be changed later."))

    def validate_slug(self, field):
        ADDRESS_NAMES.check(field.data or "")


class StatementForm(PageForm):
    """The site's own accessibility statement: its text, and the status it declares."""
    compliance = RadioField(
        _l("Compliance status"), choices=[SelectChoice(value, label) for value, label in CHOICES.items()],
        validators=[InputRequired(message=_l("Please say how compliant the site is: the footer of every page says it."))],
        description=_l("As your accessibility audit found it; without an audit, the site is not compliant. "
                       "The footer of every page says it."))
