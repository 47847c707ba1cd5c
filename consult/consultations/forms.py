"""Forms of the consultations back office."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField, SelectChoice, DateTimeLocalField, HiddenField, IntegerField, RadioField, SelectMultipleField,
    StringField, TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..uploads import ACCEPT
from .labels import MODERATION_LABELS, PARTICIPATION_LABELS, PHASE_LABELS, THEME_LABELS, VOTE_MODE_LABELS
from ..phases import PHASE_KINDS

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
DATETIME_FORMAT = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
MAX_CATEGORIES = 30
MAX_CATEGORY_LENGTH = 80


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(labels):
    return [SelectChoice(value, label) for value, label in labels.items()]


def _required_fr():
    return DataRequired(message=_l("The French text is required."))


def _datetime(label):
    return DateTimeLocalField(label, format=DATETIME_FORMAT, validators=[Optional()],
                              invalid_value_message=_l("Give a date and a time, for example 2030-03-31 18:00."))


def _counter(label):
    return IntegerField(label, default=0, validators=[
        InputRequired(message=_l("Give a number (0 for no limit).")),
        NumberRange(min=0, max=100000, message=_l("Give a number between 0 and 100,000.")),
    ])


class ConsultationForm(FlaskForm):
    title_fr = StringField(_l("Title in French"), validators=[_required_fr(), Length(max=150)])
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=150)],
                           description=_l("Optional: the French text is shown when it is empty."))
    summary_fr = TextAreaField(_l("Summary in French"), validators=[_required_fr(), Length(max=600)],
                               description=_l("One or two sentences, shown on the consultation's card."))
    summary_en = TextAreaField(_l("Summary in English"), validators=[Optional(), Length(max=600)])
    description_fr = TextAreaField(_l("Description in French"),
                                   validators=[_required_fr(), Length(max=20000)],
                                   description=_l("Markdown: **bold**, *italics*, lists, links."))
    description_en = TextAreaField(_l("Description in English"), validators=[Optional(), Length(max=20000)])
    themes = MultiCheckboxField(_l("Themes"), choices=_choices(THEME_LABELS), validate_choice=True)
    cover = FileField(_l("Cover image"), validators=[FileAllowed(
        IMAGE_EXTENSIONS, _l("Choose a JPEG, PNG, GIF or WebP image."))],
        description=_l("JPEG, PNG, GIF or WebP. Leave empty to keep the current image."),
        render_kw={"accept": ACCEPT})
    remove_cover = BooleanField(_l("Remove the cover image"))
    categories = TextAreaField(
        _l("Categories"), validators=[Optional(), Length(max=5000)],
        description=_l("One per line, French name then English name separated by a bar, "
                       "for example: Mobilité | Mobility"))

    information_start = _datetime(_l("Information: start"))
    information_end = _datetime(_l("Information: end"))
    proposals_start = _datetime(_l("Proposals: start"))
    proposals_end = _datetime(_l("Proposals: end"))
    vote_start = _datetime(_l("Vote: start"))
    vote_end = _datetime(_l("Vote: end"))
    results_start = _datetime(_l("Results: start"))
    results_end = _datetime(_l("Results: end"))

    participation = RadioField(_l("Who may take part"), choices=_choices(PARTICIPATION_LABELS),
                               default="confirmed")
    moderation = RadioField(_l("Moderation of proposals"), choices=_choices(MODERATION_LABELS),
                            default="post")
    premoderate_comments = BooleanField(_l("Review comments before publication too"))
    comments_enabled = BooleanField(_l("Comments are open"), default=True)
    max_proposals_per_person = _counter(_l("Maximum proposals per person"))
    vote_mode = RadioField(_l("Vote mode"), choices=_choices(VOTE_MODE_LABELS), default="support")
    max_votes = _counter(_l("Maximum votes per person"))
    support_threshold = _counter(_l("Support threshold"))
    supports_during_proposals = BooleanField(_l("Supports are open during the proposals phase"))

    def phase_fields(self, kind):
        return self[f"{kind}_start"], self[f"{kind}_end"]

    def phase_dates(self):
        """[(kind, start, end)] of the phases filled in, in order (naive local times)."""
        return [(kind, *(f.data for f in self.phase_fields(kind)))
                for kind in PHASE_KINDS if any(f.data for f in self.phase_fields(kind))]

    def category_names(self):
        """[{"fr": …, "en": …}] from the text area, one per line."""
        names = []
        for line in (self.categories.data or "").splitlines():
            if not line.strip():
                continue
            fr, _sep, en = line.partition("|")
            names.append({"fr": fr.strip(), "en": en.strip()})
        return names

    def validate_categories(self, field):
        names = self.category_names()
        if len(names) > MAX_CATEGORIES:
            raise ValueError(_l("Give at most %(count)s categories.", count=MAX_CATEGORIES))
        seen = set()
        for name in names:
            if not name["fr"]:
                raise ValueError(_l("Each category needs a French name before the bar."))
            if max(len(name["fr"]), len(name["en"])) > MAX_CATEGORY_LENGTH:
                raise ValueError(_l("Category names have at most %(count)s characters.",
                                    count=MAX_CATEGORY_LENGTH))
            if name["fr"].lower() in seen:
                raise ValueError(_l("The category “%(name)s” is listed twice.", name=name["fr"]))
            seen.add(name["fr"].lower())

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return self._validate_phases() and valid

    def _validate_phases(self):
        """Each phase has both dates, ends after it starts, and starts once the previous one ended."""
        ok = True
        previous = None
        for kind in PHASE_KINDS:
            start, end = self.phase_fields(kind)
            if start.errors or end.errors:
                ok = False
                continue
            if not start.data and not end.data:
                continue
            if not start.data or not end.data:
                missing = start if not start.data else end
                missing.errors.append(_l("Give both a start and an end, or neither."))
                ok = False
                continue
            if end.data <= start.data:
                end.errors.append(_l("The end must come after the start."))
                ok = False
            if previous is not None and start.data < previous[1]:
                start.errors.append(_l("This phase must start after the end of the “%(phase)s” phase.",
                                       phase=PHASE_LABELS[previous[0]]))
                ok = False
            previous = (kind, end.data)
        return ok


class StatusForm(FlaskForm):
    """Publish, archive or return to draft (CSRF-protected POST)."""

    action = HiddenField(validators=[AnyOf(("publish", "archive", "draft"))])
