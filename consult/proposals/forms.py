"""Forms of the proposals domain: posting and editing, official answers."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, FloatField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import TextInput

from ..consultations.documents import describe, documents_of
from ..core.ratelimits import PostingForm
from ..i18n import lazy_number, localized
from ..text import one_line, strip
from ..uploads import IMAGE_HINT, ImageError, check_image, input_attributes
from ..uploads.carry import carried_file
from .labels import ANSWER_LABELS
from .listing import choices
from .services import is_current_answer

TITLE_MIN, TITLE_MAX = 10, 150
BODY_MIN, BODY_MAX = 15, 10_000


class CoordinateField(FloatField):
    """A number in decimal degrees, written with a point or, as in French, a comma: a text
    field (a browser's number field rewrites "44,4058" as 444058 before sending it)."""

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [valuelist[0].strip().replace(",", ".", 1)]
        super().process_formdata(valuelist)


class ProposalForm(PostingForm):
    """Title, body, category, optional place and image. Context: the consultation."""

    title = StringField(
        _l("Title"), filters=[one_line],
        validators=[DataRequired(_l("Please give your proposal a title.")),
                    Length(TITLE_MIN, TITLE_MAX, _l("The title must be between %(min)d and %(max)d characters long."))],
        description=_l("Between 10 and 150 characters: say what you propose in a few words."),
    )
    body = TextAreaField(
        _l("Description"), filters=[strip],
        validators=[DataRequired(_l("Please describe your proposal.")),
                    Length(BODY_MIN, BODY_MAX, _l("The description must be between %(min)s and %(max)s characters long.",
                                                  min=BODY_MIN, max=lazy_number(BODY_MAX)))],
        description=_l("Between 15 and 10,000 characters. You may use Markdown: **bold**, *italic*, lists, links."),
    )
    category = SelectField(_l("Category"), coerce=str, validate_choice=False)
    address = StringField(_l("Address (optional)"), filters=[one_line],
                          validators=[Optional(), Length(max=255, message=_l("The address is too long (255 characters at most)."))])
    latitude = CoordinateField(
        _l("Latitude (optional)"),
        validators=[Optional(), NumberRange(-90, 90, _l("The latitude must be between -90 and 90."))],
        description=_l("In decimal degrees, for example 48.8566."),
    )
    longitude = CoordinateField(
        _l("Longitude (optional)"),
        validators=[Optional(), NumberRange(-180, 180, _l("The longitude must be between -180 and 180."))],
        description=_l("In decimal degrees, for example 2.3522."),
    )
    image = FileField(_l("Image (optional)"), description=IMAGE_HINT,
                      render_kw=input_attributes())
    # The image sent at an earlier step (the preview, or a form refused), as a data: URL
    # (uploads/carry.py): it is stored only with the proposal.
    image_data = HiddenField()
    remove_image = BooleanField(_l("Remove the image"))  # offered when there is one

    def __init__(self, consultation, *args, current_image=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.current_image = current_image  # the proposal's own image, when it is edited
        if not (current_image or self.image_data.data):
            del self.remove_image
        options = [(str(c.id), localized(c.name)) for c in consultation.categories]
        first = ("", _l("Choose a category")) if options else ("", _l("No category"))
        self.category.choices = choices([first] + options)
        if options:
            self.category.flags.required = True  # checked by validate_category; marked with the others
        else:
            self.category.validators = [Optional()]

    def validate_category(self, field):
        ids = {str(c.id) for c in self.consultation.categories}
        if not ids:
            field.data = ""
            return
        if not field.data:
            raise ValidationError(_l("Please choose a category."))
        if field.data not in ids:
            raise ValidationError(_l("Please choose one of the categories of this consultation."))

    def validate_image_data(self, field):
        """The carried image comes back from the browser: checked again, as an upload."""
        if field.data:
            try:
                check_image(carried_file(field.data))
            except ImageError as error:
                field.data = ""  # not sent back again
                raise ValidationError(str(error)) from None

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for name in ("latitude", "longitude"):
            f = getattr(self, name)
            if f.raw_data and f.raw_data[0].strip() and f.data is None:
                f.errors[:] = [_l("Please enter a number, for example 48.8566.")]
        if self.image_data.errors:  # said next to the field the person sees
            self.image.errors = [*self.image.errors, *self.image_data.errors]
            self.image_data.errors = []
        lat, lng = self.latitude, self.longitude
        if not lat.errors and not lng.errors and (lat.data is None) != (lng.data is None):
            missing = lng if lng.data is None else lat
            missing.errors = list(missing.errors) + [_l("Please give both the latitude and the longitude, or neither.")]
            ok = False
        return ok and not any(self.errors.values())

    def has_image(self):
        return bool(self.image_data.data or self.current_image)

    def category_id(self):
        return int(self.category.data) if self.category.data else None


class AnswerForm(FlaskForm):
    """The official answer of the territory: a state and a public justification (bilingual).
    Context: the proposal; a new answer must change its current one."""

    state = SelectField(_l("Answer"), choices=[],
                        validators=[InputRequired(_l("Please choose an answer."))],
                        validate_choice=True,
                        # No empty first option: a required <select> would be invalid HTML.
                        render_kw={"required": False})
    text_fr = TextAreaField(
        _l("Justification (French)"), filters=[strip],
        validators=[DataRequired(_l("Please write the justification in French.")),
                    Length(max=BODY_MAX, message=_l("The justification is too long (10,000 characters at most)."))],
        description=_l("Public: explain your decision to the residents. Markdown allowed."), render_kw={"lang": "fr"},
    )
    text_en = TextAreaField(
        _l("Justification (English, optional)"), filters=[strip],
        validators=[Optional(), Length(max=BODY_MAX, message=_l("The justification is too long (10,000 characters at most)."))],
        description=_l("Shown to people who read the site in English; the French text is shown otherwise."),
        render_kw={"lang": "en"},
    )
    document = SelectField(_l("Document it rests on (optional)"), validate_choice=False,
                           description=_l("One of the consultation's documents, such as the council's decision: "
                                          "attach it to the consultation first."))

    def __init__(self, proposal, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.state.choices = choices(ANSWER_LABELS.items())
        documents = documents_of(proposal.consultation_id)
        self.document_ids = {str(d.id): d.id for d in documents}
        self.document.choices = choices([("", _l("None"))] + [
            (str(d.id), f"{localized(d.title)} ({describe(d)})") for d in documents])
        if not documents:
            del self.document

    def document_id(self):
        """The id of the document chosen, when it is one of the consultation's."""
        return self.document_ids.get(self.document.data) if "document" in self else None

    @classmethod
    def starting_from(cls, proposal):
        """The form not sent yet, filled with the proposal's current answer: correcting a word of
        its justification is not typing it again."""
        form = cls(proposal, formdata=None)
        text = proposal.answers[0].text if proposal.answers else {}
        form.state.data = proposal.answer_state
        form.text_fr.data, form.text_en.data = text.get("fr", ""), text.get("en", "")
        if "document" in form and proposal.answers and proposal.answers[0].document_id:
            form.document.data = str(proposal.answers[0].document_id)
        return form

    def validate_document(self, field):
        if field.data and field.data not in self.document_ids:
            raise ValidationError(_l("Choose one of the consultation's documents, or none."))

    def validate_text_fr(self, field):
        if is_current_answer(self.proposal, self.state.data, field.data, self.text_en.data, self.document_id()):
            raise ValidationError(_l("This is the current answer already: change the answer or its justification."))
