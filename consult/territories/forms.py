"""Forms of the territory back office: the territory itself and its members."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields import ColorField, EmailField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from ..core.fields import WholeNumberField
from ..core.slugs import AddressNames
from ..text import slugify, strip
from ..uploads import IMAGE_HINT, input_attributes
from .models import KINDS, ROLES, Territory
from .services import formerly_at

# The official geographic code of each kind (COG): a commune's has 5 characters, a
# département's 2 (01 to 95, 2A, 2B) or 3 overseas (971 to 976), a region's 2 digits; an
# intercommunality has none (it is known by its SIREN number).
INSEE = {
    # its département's code (01 to 95 but 20, 2A, 2B) and 3 digits, or 971 to 976 and 2 digits
    "commune": (re.compile(r"^(?:(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{3}|97[1-6]\d{2})$"),
                _l("A commune's INSEE code is its département's code followed by its number, in 5 characters: "
                   "33063, 2A004 or 97411, for example.")),
    "departement": (re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$"),
                    _l("A département's INSEE code is 01 to 95, 2A or 2B, or 971 to 976 overseas.")),
    "region": (re.compile(r"^(?:0[1-46]|11|2[478]|32|44|5[23]|7[56]|84|9[34])$"),  # the regions since 2016
               _l("This is not a region's INSEE code: 11 for Île-de-France or 75 for Nouvelle-Aquitaine, for "
                  "example.")),
    "intercommunalite": (re.compile(r"^$"), _l("An intercommunality has no INSEE code: leave the field empty.")),
}
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class TerritoryAddressNames(AddressNames):
    """A territory's address names: one another territory had before is taken too, since its
    old links lead there (services.formerly_at); a territory may take back one of its own."""

    def problem(self, slug, own=None):
        fault = super().problem(slug, own)
        if fault is None and slug != own:
            previous = formerly_at(slug)
            if previous is not None and previous.slug != own:
                fault = "taken"
        return fault


ADDRESS_NAMES = TerritoryAddressNames(
    Territory.slug, 80, {"new", "admin", "static", "uploads"},
    _l("This address name is taken: another territory has it, or had it before and its old links still lead there."))


def kind_labels():
    return {
        "commune": _l("Commune"),
        "intercommunalite": _l("Intercommunality"),
        "departement": _l("Département"),
        "region": _l("Region"),
    }


def role_labels():
    return {"admin": _l("Territory admin"), "moderator": _l("Moderator")}


def clean_words(text):
    """One forbidden word or phrase per line: trimmed, without blanks or duplicates."""
    seen, words = set(), []
    for line in (text or "").splitlines():
        word = line.strip()
        if word and word.lower() not in seen:
            seen.add(word.lower())
            words.append(word)
    return "\n".join(words)


class TerritoryForm(FlaskForm):
    name = StringField(_l("Name"), validators=[
        DataRequired(message=_l("Please give the name of the territory.")), Length(max=120)])
    slug = StringField(
        _l("Address name (slug)"),
        description=_l("Lower-case letters, digits and hyphens, used in the address of the territory's "
                       "page. Left empty, it is made from the name. Changed later, the links already "
                       "shared (posters, mail) still lead here."))
    kind = SelectField(_l("Kind"), choices=[], validate_choice=False)
    insee_code = StringField(
        _l("INSEE code (optional)"),
        description=_l("A commune's has 5 characters (2A / 2B for Corsica), a département's 2 or 3 (33, 2A, "
                       "974), a region's 2 (75); an intercommunality has none."))
    description = TextAreaField(_l("Description in French"), validators=[Optional(), Length(max=5000)],
                                description=_l("Markdown is accepted."), render_kw={"lang": "fr"})
    description_en = TextAreaField(_l("Description in English (optional)"), validators=[Optional(), Length(max=5000)],
                                   description=_l("Shown to readers of the English pages; without it, they read "
                                                  "the French one."), render_kw={"lang": "en"})
    logo = FileField(_l("Logo (optional)"), render_kw=input_attributes(),
                     description=IMAGE_HINT)
    remove_logo = BooleanField(_l("Remove the current logo"))
    accent_color = ColorField(
        _l("Accent colour"), default="#1d4ed8",
        validators=[DataRequired(message=_l("Please give a colour as # followed by 6 hexadecimal digits, "
                                            "e.g. #1d4ed8."))],
        description=_l("Text on this colour switches between black and white to stay readable."))
    report_threshold = WholeNumberField(
        _l("Reports before an item is hidden"), default=3,
        validators=[InputRequired(message=_l("Please give a number of reports.")),
                    NumberRange(min=1, max=1000, message=_l("Please give a whole number from 1 to 1,000."))],
        description=_l("Once this many open reports are made on a contribution, it is hidden pending review."))
    forbidden_words = TextAreaField(
        _l("Forbidden words (optional)"), validators=[Optional(), Length(max=10000)],
        description=_l("One word or phrase per line: a contribution containing one waits for moderation."))

    def __init__(self, *args, territory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.territory = territory
        self.kind.choices = [(k, label) for k, label in kind_labels().items()]
        if territory is None or not territory.logo_path:
            del self.remove_logo

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.accent_color.errors:
            # A colour picker cannot show a refused value: it would show black, and a second
            # submit would save black. A text box keeps what was typed until it is corrected.
            self.accent_color.render_kw = dict(self.accent_color.render_kw or {}, type="text", spellcheck="false")
        return valid

    def validate_name(self, field):
        """Left empty, the address name is made from the name: its problems are told on the name."""
        if (self.slug.data or "").strip():
            return
        slug = slugify(field.data or "")
        if not slug:
            raise ValidationError(_l("No address name can be made from this name: please type one below."))
        problem = ADDRESS_NAMES.problem(slug, self._own_slug())
        if problem == "taken":
            raise ValidationError(_l("Another territory has this name, or one that gives the same address name "
                                     "(“%(slug)s”), or had that address name before. Change the name, or type "
                                     "another address name below.", slug=slug))
        if problem is not None:
            raise ValidationError(_l("This name gives no usable address name (“%(slug)s”): "
                                     "type an address name below.", slug=slug))

    def validate_slug(self, field):
        typed = (field.data or "").strip().lower()
        field.data = typed
        if not typed:
            # Made from the name (address_name()) and checked with it: an empty name is the
            # name's error only. The field stays empty, so that a corrected name gives the address.
            return
        ADDRESS_NAMES.check(typed, self._own_slug())

    def _own_slug(self):
        return self.territory.slug if self.territory is not None else None

    def address_name(self):
        """The address name to save: the one typed, or else the one made from the name."""
        return self.slug.data or slugify(self.name.data or "")

    def validate_kind(self, field):
        if field.data not in KINDS:
            raise ValidationError(_l("Please choose a kind of territory."))

    def validate_insee_code(self, field):
        code = (field.data or "").strip().upper()
        pattern, message = INSEE.get(self.kind.data, INSEE["commune"])
        if code and not pattern.match(code):
            raise ValidationError(message)
        field.data = code or None

    def validate_accent_color(self, field):
        if not COLOR.match((field.data or "").strip()):
            raise ValidationError(_l("Please give a colour as # followed by 6 hexadecimal digits, e.g. #1d4ed8."))
        field.data = field.data.strip().lower()


def account_email_field(description):
    """The address of someone else's account, whom staff appoint or verify."""
    return EmailField(_l("Email address"), filters=[strip],
                      validators=[DataRequired(message=_l("Please give an email address.")),
                                  Email(message=_l("Please give a valid email address.")), Length(max=254)],
                      description=description)


class MemberForm(FlaskForm):
    email = account_email_field(_l("Without an account yet, the person is sent an invitation by mail to create "
                                   "one."))
    role = SelectField(_l("Role"), choices=[], validators=[InputRequired()], render_kw={"required": False})

    def __init__(self, *args, roles=ROLES, **kwargs):
        super().__init__(*args, **kwargs)
        labels = role_labels()
        self.role.choices = [(r, labels[r]) for r in roles]


class ResidentForm(FlaskForm):
    email = account_email_field(_l("The address of the person's account, confirmed."))
