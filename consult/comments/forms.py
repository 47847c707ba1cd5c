"""Forms of the debate: a comment or a reply, and its edit."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from ..core.ratelimits import PostingForm
from ..core.urls import bounded_int
from ..i18n import lazy_number
from ..text import strip

BODY_MIN, BODY_MAX = 2, 5000
BODY_LENGTH = {"minlength": BODY_MIN, "maxlength": BODY_MAX}  # the bounds validate_body checks

STANCE_LABELS = {
    "for": _l("For"),
    "against": _l("Against"),
    "neutral": _l("Neutral"),
}


def stance_choices():
    none = SelectChoice("", _l("None (a question, some information)"))
    return [none] + [SelectChoice(k, v) for k, v in STANCE_LABELS.items()]


BODY_HINT = _l("Markdown allowed: **bold**, *italics*, lists, links. Between %(min)s and %(max)s characters.",
               min=BODY_MIN, max=lazy_number(BODY_MAX))


class CommentBodyMixin:
    # For a hand-written textarea: `{{ form.body_length|xmlattr }}`.
    body_length = BODY_LENGTH

    def validate_stance(self, field):
        if field.data and field.data not in STANCE_LABELS:
            raise ValidationError(_l("Choose for, against, neutral or no stance."))

    def validate_body(self, field):
        text = strip(field.data or "")
        if len(text) < BODY_MIN:
            raise ValidationError(_l("Your comment is too short: write at least %(min)s characters.", min=BODY_MIN))
        if len(text) > BODY_MAX:
            raise ValidationError(_l("Your comment is too long: %(max)s characters at most.", max=lazy_number(BODY_MAX)))
        field.data = text


def body_field(**kwargs):
    return TextAreaField(_l("Your comment"), validators=[DataRequired(message=_l("Write your comment."))],
                         description=BODY_HINT, render_kw=BODY_LENGTH, **kwargs)


def stance_field(**kwargs):
    return RadioField(_l("Your position on this proposal"), choices=stance_choices(), default="",
                      validate_choice=False, **kwargs)


class CommentForm(CommentBodyMixin, PostingForm):
    body = body_field(id="comment-body")
    stance = stance_field(id="comment-stance")
    parent_id = HiddenField(id="comment-parent")
    follow = BooleanField(_l("Follow this proposal"), default=True, id="comment-follow")
    submit = SubmitField(_l("Publish"), id="comment-submit")

    def validate_parent_id(self, field):
        if field.data and bounded_int(field.data) is None:
            raise ValidationError(_l("This comment does not exist."))


class EditCommentForm(CommentBodyMixin, PostingForm):
    body = body_field()
    stance = stance_field()
    submit = SubmitField(_l("Save changes"), id="comment-save")


class DeleteCommentForm(FlaskForm):
    submit = SubmitField(_l("Delete my comment"), id="comment-delete")
