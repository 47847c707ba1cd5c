"""The platform admin's form for a platform page (bilingual title and Markdown body)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class PageForm(FlaskForm):
    title_fr = StringField(_l("Title (French)"), validators=[DataRequired(), Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=200)],
                           description=_l("Left empty, the French title is shown."))
    body_fr = TextAreaField(_l("Text (French)"), validators=[DataRequired(), Length(max=50000)],
                            description=_l("Markdown is accepted."), render_kw={"rows": 16})
    body_en = TextAreaField(_l("Text (English)"), validators=[Optional(), Length(max=50000)],
                            description=_l("Left empty, the French text is shown."), render_kw={"rows": 16})
