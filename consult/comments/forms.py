"""Forms of the debate: a comment or a reply, and its edit."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

BODY_MIN, BODY_MAX = 2, 5000

STANCE_LABELS = {
    "for": _l("For"),
    "against": _l("Against"),
    "neutral": _l("Neutral"),
}


def stance_choices():
    return [SelectChoice("", _l("No stance"))] + [SelectChoice(k, v) for k, v in STANCE_LABELS.items()]


class CommentBodyMixin:
    def validate_stance(self, field):
        if field.data and field.data not in STANCE_LABELS:
            raise ValidationError(_l("Choose for, against, neutral or no stance."))

    def validate_body(self, field):
        text = (field.data or "").strip()
        if len(text) < BODY_MIN:
            raise ValidationError(_l("Your comment is too short: write at least %(min)s characters.", min=BODY_MIN))
        if len(text) > BODY_MAX:
            raise ValidationError(_l("Your comment is too long: %(max)s characters at most.", max=BODY_MAX))
        field.data = text


class CommentForm(CommentBodyMixin, FlaskForm):
    body = TextAreaField(
        _l("Your comment"), id="comment-body",
        validators=[DataRequired(message=_l("Write your comment."))],
        description=_l("Markdown allowed: **bold**, *italics*, lists, links. Between 2 and 5,000 characters."),
    )
    stance = RadioField(_l("Your position on this proposal"), choices=stance_choices(), default="",
                        id="comment-stance", validate_choice=False)
    parent_id = HiddenField(id="comment-parent")
    follow = BooleanField(_l("Follow this proposal"), default=True, id="comment-follow")
    submit = SubmitField(_l("Publish"), id="comment-submit")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stance.choices = stance_choices()

    def validate_parent_id(self, field):
        if field.data and not str(field.data).isdigit():
            raise ValidationError(_l("This comment does not exist."))


class EditCommentForm(CommentBodyMixin, FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        validators=[DataRequired(message=_l("Write your comment."))],
        description=_l("Markdown allowed: **bold**, *italics*, lists, links. Between 2 and 5,000 characters."),
    )
    stance = RadioField(_l("Your position on this proposal"), choices=stance_choices(), default="",
                        validate_choice=False)
    submit = SubmitField(_l("Save changes"), id="comment-save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stance.choices = stance_choices()


class DeleteCommentForm(FlaskForm):
    submit = SubmitField(_l("Delete my comment"), id="comment-delete")
