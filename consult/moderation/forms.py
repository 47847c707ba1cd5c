"""Forms of the moderation blueprint: reports, decisions, appeals, queue and log filters."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, HiddenField, RadioField, SelectChoice, SelectField,
                     TextAreaField)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..core.fields import WholeNumberField
from ..core.urls import bounded_int
from ..core.ratelimits import PostingForm
from .decisions import DECISIONS, decision_errors
from .queue_filters import QueueFilters
from .services import REASON_LABELS

NOT_A_DAY = _l("Give a date, for example 2026-11-29.")

ACT_ACTION_LABELS = {
    "approve": _l("Approve (publish)"), "dismiss": _l("Dismiss the reports"),
    "hide": _l("Hide"), "restore": _l("Restore"), "reject": _l("Reject"),
    "warn": _l("Warn the author"), "block": _l("Block the person"),
}


def choices(labels):
    return [SelectChoice(value, label) for value, label in labels.items()]


def reason_choices():
    return choices(REASON_LABELS)


class ReportForm(PostingForm):
    reason = RadioField(_l("Why are you reporting this?"), choices=reason_choices(),
                        validators=[InputRequired(message=_l("Please choose a reason."))])
    details = TextAreaField(_l("Details (optional)"),
                            description=_l("What should the moderators know? 2,000 characters at most."),
                            validators=[Optional(), Length(max=2000)])


class ActForm(FlaskForm):
    """One decision on one item; which fields are required depends on the action."""

    target_type = HiddenField(validators=[DataRequired()])
    target_id = HiddenField(validators=[DataRequired()])
    territory_id = HiddenField()
    seen = HiddenField()  # the latest decision on the item its page showed (0: none), see meanwhile.py
    seen_report = HiddenField()  # the newest report on the item its page showed (0: none)
    action = RadioField(_l("Decision"), choices=choices(ACT_ACTION_LABELS),
                        validators=[InputRequired(message=_l("Please choose a decision."))])
    rule = SelectField(_l("Rule of the charter"), choices=[SelectChoice("", _l("Choose a rule"))] + reason_choices(),
                       validators=[Optional()])
    explanation = TextAreaField(_l("Explanation for the author"),
                                description=_l("Shown to the author as the statement of reasons."),
                                validators=[Optional(), Length(max=2000)])
    days = WholeNumberField(_l("Block for (days)"), validators=[Optional(), NumberRange(min=1, max=3650)])
    for_good = BooleanField(_l("Block for good"))

    def stamps(self):
        """(seen, seen_report) as sent: the numbers its page showed. `seen` is None where none was
        sent; a form naming no report showed none (0): any open report then refuses the decision,
        and the item's page shows them, so that no report is decided unread."""
        seen, seen_report = (bounded_int(field.data or "", minimum=0) for field in (self.seen, self.seen_report))
        return seen, seen_report or 0

    def validate(self, extra_validators=None):
        """Which fields are required depends on the action (decisions.DECISIONS); Optional() stops
        inline validators."""
        ok = super().validate(extra_validators)
        if self.action.data not in DECISIONS:
            return False
        errors = decision_errors(self.action.data, rule=self.rule.data, explanation=self.explanation.data,
                                 days=self.days.data, for_good=self.for_good.data)
        for name, message in errors.items():
            if not self[name].errors:
                self[name].errors = list(self[name].errors) + [message]
        return ok and not errors


class AppealForm(PostingForm):
    message = TextAreaField(_l("Your appeal"),
                            description=_l("Explain why you think this decision should be reversed."),
                            validators=[DataRequired(message=_l("Please write your appeal.")), Length(max=2000)])


class AppealDecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[SelectChoice("confirmed", _l("Confirm the decision")),
                                                   SelectChoice("reversed", _l("Reverse the decision"))],
                          validators=[InputRequired(message=_l("Please choose a decision."))])
    decision_text = TextAreaField(_l("Explanation for the author"),
                                  validators=[DataRequired(message=_l("Explain your decision to the author.")),
                                              Length(max=2000)])


class LogFilterForm(FlaskForm):
    class Meta:
        csrf = False

    territory = SelectField(_l("Territory"), choices=[], validators=[Optional()])
    action = SelectField(_l("Action"), choices=[], validators=[Optional()])
    moderator = SelectField(_l("Moderator"), choices=[], validators=[Optional()])
    start = DateField(_l("From"), validators=[Optional()], invalid_value_message=NOT_A_DAY)
    end = DateField(_l("Until"), validators=[Optional()], invalid_value_message=NOT_A_DAY)


    def validate_end(self, field):
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("The end date comes before the start date."))


NOT_OFFERED = _l("Choose one of the options in the list.")
WAITING_LABELS = {"": _l("Everything"), "reported": _l("Reports"), "pending": _l("Awaiting approval")}
KIND_LABELS = {"": _l("All kinds"), "proposal": _l("Proposals"), "comment": _l("Comments"), "user": _l("People")}


def _offered(labels):
    """A select of these options (the first, "", for no filter), refusing any other value."""
    return dict(choices=choices(labels), default="", validate_choice=False,
                validators=[AnyOf(list(labels), message=NOT_OFFERED)])


class QueueFilterForm(FlaskForm):
    """What the review queue shows, besides its territory and consultation (sent with GET)."""

    class Meta:
        csrf = False

    waiting = SelectField(_l("To review"), **_offered(WAITING_LABELS))
    kind = SelectField(_l("Kind"), **_offered(KIND_LABELS))
    reason = SelectField(_l("Reason of the reports"), **_offered({"": _l("Any reason"), **REASON_LABELS}))

    def filters(self, consultation_id=None):
        return QueueFilters(consultation_id=consultation_id, waiting=self.waiting.data or None,
                            kind=self.kind.data or None, reason=self.reason.data or None)

    def args(self):
        """The filters chosen, as arguments of the queue's address (for its other pages)."""
        return {name: self[name].data for name in ("waiting", "kind", "reason") if self[name].data}
