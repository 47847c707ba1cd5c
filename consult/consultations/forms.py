"""Forms of the consultations back office."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import get_timezone, ngettext, to_user_timezone, to_utc
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField, SelectChoice, DateTimeLocalField, HiddenField, RadioField, SelectMultipleField,
    StringField, TextAreaField,
)
from wtforms.validators import (AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional,
                                ValidationError)
from wtforms.widgets import CheckboxInput, ListWidget

from ..core.fields import WholeNumberField
from ..i18n import lazy_number
from ..uploads import IMAGE_HINT, input_attributes
from .labels import MODERATION_LABELS, PARTICIPATION_LABELS, VOTE_MODE_LABELS, themes_in_order
from ..phases import PHASE_KINDS
from .categories import InUse
from .services import (FIRST_YEAR, LAST_YEAR, MAX_COUNT, SETTINGS, TEXT_FIELDS, TEXT_LIMITS, consultation_errors,
                       in_years, local_time)

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
# What browsers send, then what people type where a browser shows a plain text box instead of a
# date picker: ISO, or day/month/year as in French (31/03/2030 18:00), in either language.
DATETIME_FORMAT = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S",
                   "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(labels):
    return [SelectChoice(value, label) for value, label in labels.items()]


def image_field(label):
    """An image to upload (save_image checks it is one): its formats and size said under it."""
    return FileField(label, validators=[FileAllowed(IMAGE_EXTENSIONS, _l("Choose a JPEG, PNG, GIF or WebP image."))],
                     description=IMAGE_HINT, render_kw=input_attributes())


def _required_fr():
    return DataRequired(message=_l("The French text is required."))


def _length(text):
    """The services' limit of a text (they check it again); here it also gives the field its maxlength."""
    return Length(max=TEXT_LIMITS[text])


def _in_years(value):
    return isinstance(value, datetime) and in_years(value)


def _check_year(form, field):
    if field.data is not None and not _in_years(field.data):
        raise ValidationError(_l("Give a date between the years %(first)s and %(last)s.",
                                 first=FIRST_YEAR, last=LAST_YEAR))


def _check_exists(form, field):
    """A time the clocks skip (02:30 on the night they go forward) would be saved an hour off."""
    value = field.data
    if value is not None and _in_years(value) and to_user_timezone(to_utc(value)).replace(tzinfo=None) != value:
        raise ValidationError(_l("This time does not exist in %(zone)s: the clocks go forward that night. "
                                 "Choose another time.", zone=str(get_timezone())))


def datetime_field(label, description=""):
    return DateTimeLocalField(label, format=DATETIME_FORMAT, description=description,
                              validators=[Optional(), _check_year, _check_exists],
                              invalid_value_message=_l("Give a date and a time, for example 2030-03-31 18:00."))


def _counter(label, description=""):
    return WholeNumberField(label, default=0, description=description, validators=[
        InputRequired(message=_l("Give a number (0 for no limit).")),
        NumberRange(min=0, max=MAX_COUNT,
                    message=_l("Give a number between 0 and %(max)s.", max=lazy_number(MAX_COUNT))),
    ])


class ConsultationForm(FlaskForm):
    title_fr = StringField(_l("Title in French"), validators=[_required_fr(), _length("title")],
                           render_kw={"lang": "fr"})
    # Both languages of a text have the same hint (the section says English is optional), so
    # that their fields line up side by side. Only what the admin types is in the text's language
    # (lang on the input, as in every bilingual form): its label and hint are in the page's, for
    # screen readers to read each in the right voice.
    title_en = StringField(_l("Title in English"), validators=[Optional(), _length("title")], render_kw={"lang": "en"})
    summary_fr = TextAreaField(_l("Summary in French"), validators=[_required_fr(), _length("summary")],
                               description=_l("One or two sentences, shown on the consultation's card."),
                               render_kw={"lang": "fr"})
    summary_en = TextAreaField(_l("Summary in English"), validators=[Optional(), _length("summary")],
                               description=_l("One or two sentences, shown on the consultation's card."),
                               render_kw={"lang": "en"})
    description_fr = TextAreaField(_l("Description in French"), validators=[_required_fr(), _length("description")],
                                   description=_l("Markdown: **bold**, *italics*, lists, links."),
                                   render_kw={"lang": "fr"})
    description_en = TextAreaField(_l("Description in English"), validators=[Optional(), _length("description")],
                                   description=_l("Markdown: **bold**, *italics*, lists, links."),
                                   render_kw={"lang": "en"})
    themes = MultiCheckboxField(_l("Themes"), choices=lambda: [SelectChoice(*theme) for theme in themes_in_order()],
                                validate_choice=True)
    cover = image_field(_l("Cover image"))
    remove_cover = BooleanField(_l("Remove the cover image"))
    categories = TextAreaField(
        _l("Categories"), validators=[Optional(), Length(max=5000)],
        description=_l("One per line, French name then English name separated by a bar, "
                       "for example: Mobilité | Mobility"))
    remove_used_categories = BooleanField(_l("Remove them anyway: their proposals will have no category"))

    information_start = datetime_field(_l("Information: start"))
    information_end = datetime_field(_l("Information: end"))
    proposals_start = datetime_field(_l("Proposals: start"))
    proposals_end = datetime_field(_l("Proposals: end"))
    vote_start = datetime_field(_l("Vote: start"))
    vote_end = datetime_field(_l("Vote: end"))
    results_start = datetime_field(_l("Results: start"))
    results_end = datetime_field(_l("Results: end"), _l("Leave it empty to keep the results on show."))

    participation = RadioField(_l("Who may take part"), choices=_choices(PARTICIPATION_LABELS),
                               default="confirmed")
    moderation = RadioField(_l("Moderation of proposals"), choices=_choices(MODERATION_LABELS),
                            default="post")
    premoderate_comments = BooleanField(_l("Review comments before publication too"))
    comments_enabled = BooleanField(_l("Comments are open"), default=True)
    max_proposals_per_person = _counter(_l("Maximum proposals per person"))
    vote_mode = RadioField(_l("Vote mode"), choices=_choices(VOTE_MODE_LABELS), default="support")
    max_votes = _counter(_l("Maximum votes per person"), description=_l("0 means no limit."))
    support_threshold = _counter(_l("Support threshold"))
    supports_during_proposals = BooleanField(_l("Supports are open during the proposals phase"))

    def __init__(self, *args, consultation=None, facts=None, **kwargs):
        """`consultation`: the one edited (None for a new one); `facts`: its figures.EditFacts
        (votes already cast lock the vote mode and bound the vote limit)."""
        super().__init__(*args, **kwargs)
        self.consultation, self.facts = consultation, facts
        self.offer_category_removal = bool(self.remove_used_categories.data)
        if consultation is None:
            return
        if consultation.cover_path:
            self.cover.description = _l("%(formats)s Leave empty to keep the current image.", formats=IMAGE_HINT)
        if consultation.categories:
            self.categories.description = _l(
                "One per line, French name then English name separated by a bar, for example: "
                "Mobilité | Mobility. To rename a category, change the text of its line without moving, "
                "adding or removing lines: its proposals keep it.")
        if facts is None:
            return
        if facts.votes:
            self.vote_mode.render_kw = {"disabled": True}
            self.vote_mode.description = ngettext(
                "%(num)s vote is already cast: the vote mode can no longer change.",
                "%(num)s votes are already cast: the vote mode can no longer change.", facts.votes)
            if not getattr(self.vote_mode, "raw_data", None):  # a disabled field is not sent: it stays
                self.vote_mode.data = consultation.vote_mode
        if facts.most_votes_used:
            self.max_votes.description = ngettext(
                "0 means no limit. A person has already used %(num)s vote: the limit may not go below it.",
                "0 means no limit. A person has already used %(num)s votes: the limit may not go below that.",
                facts.most_votes_used)

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

    def values(self):
        """The form's content as plain values, for services.update_consultation (dates in UTC)."""
        values = {name: {"fr": self[f"{name}_fr"].data, "en": self[f"{name}_en"].data} for name in TEXT_FIELDS}
        values["themes"] = list(self.themes.data or [])
        values["categories"] = self.category_names()
        saved = {phase.kind: (phase.starts_at, phase.ends_at) for phase in getattr(self.consultation, "phases", ())}
        values["phases"] = [{"kind": kind, "starts_at": utc_time(start, saved.get(kind, (None, None))[0]),
                             "ends_at": utc_time(end, saved.get(kind, (None, None))[1])}
                            for kind, start, end in self.phase_dates()]
        values.update({name: self[name].data for name in SETTINGS})
        return values

    def removal_confirmed(self):
        """Whether the box that confirms removing categories that proposals use is ticked."""
        return bool(self.remove_used_categories.data)

    def validate(self, extra_validators=None):
        """The fields, then the consultation's rules (services.consultation_errors), each message
        next to its field unless that field already has one."""
        valid = super().validate(extra_validators)
        errors = consultation_errors(self.values(), self.consultation, self.facts, self.removal_confirmed())
        self.offer_category_removal |= isinstance(errors.get(("categories",)), InUse)
        for place, message in errors.items():
            field = self._field_at(place)
            if not field.errors:
                field.errors.append(message)
        return valid and not errors

    def _field_at(self, place):
        if place[0] == "phases":
            _phases, kind, date = place
            return self.phase_fields(kind)[0 if date == "starts_at" else 1]
        return self["_".join(place)]


def utc_time(value, saved=None):
    """The local time in UTC; None for a date out of bounds (_check_year says so next to its field).
    The time shown for the `saved` one, sent back unchanged, is that one: in the hour the clocks
    go back, 02:30 is read as the second 02:30, and the first would move an hour on; and the
    field shows minutes, so that the seconds the API gave would be lost."""
    if not _in_years(value):
        return None
    if saved is not None and local_time(saved).replace(second=0, microsecond=0) == value:
        return saved
    return to_utc(value).replace(tzinfo=None)


class StatusForm(FlaskForm):
    """Publish, archive or return to draft (CSRF-protected POST)."""

    action = HiddenField(validators=[AnyOf(("publish", "archive", "draft"))])
    back = HiddenField()  # afterwards, back to "list" (of consultations) or "page" (the public one)
    confirm = HiddenField()  # "1" once the person confirmed on the page that says what is at stake
