"""Moderators' decisions and appeals. Each one appends a ModerationAction; nothing commits here."""
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_

from ..database import lock_row, utcnow
from ..extensions import db
from ..i18n import datetime_text
from ..notifications.report_outcomes import reports_closed
from ..notifications.staff_events import appeal_filed, appeal_handled, item_handled
from .meanwhile import require_up_to_date
from .models import APPEALABLE, TARGET_TYPES, Appeal, ModerationAction
from .services import Conflict, load_target, record, resolve_reports, set_status, tell_author

CONTENT = ("proposal", "comment")


@dataclass(frozen=True)
class Decision:
    """What a decision applies to and asks of the moderator (the back-office form and the API
    both ask `decision_errors`): the items it may be taken on, whether it needs the rule of the
    charter it applies, an explanation for the author, a length (days, or for good).

    A decision on the content itself also says the statuses it applies to, the status it gives,
    what becomes of the open reports, and the refusal otherwise.
    """

    targets: tuple = TARGET_TYPES
    needs_rule: bool = False
    needs_explanation: bool = False
    needs_length: bool = False
    from_statuses: tuple = ()
    status: str | None = None
    reports: str | None = None
    refusal: object = None  # a lazy message


DECISIONS = {
    "approve": Decision(CONTENT, from_statuses=("pending",), status="published", reports="dismissed",
                        refusal=_l("Only contributions awaiting moderation can be approved.")),
    "dismiss": Decision(),
    # An item awaiting moderation is approved or rejected: hidden, it would show as a placeholder.
    "hide": Decision(CONTENT, needs_rule=True, needs_explanation=True,
                     from_statuses=("published", "hidden", "withdrawn"), status="hidden", reports="resolved",
                     refusal=_l("This contribution cannot be hidden in its current state.")),
    "restore": Decision(CONTENT, from_statuses=("hidden", "rejected"), status="published", reports="dismissed",
                        refusal=_l("Only hidden or rejected contributions can be restored.")),
    "reject": Decision(CONTENT, needs_rule=True, needs_explanation=True,
                       from_statuses=("pending", "hidden"), status="rejected", reports="resolved",
                       refusal=_l("Only contributions awaiting moderation can be rejected.")),
    "warn": Decision(needs_explanation=True),
    "block": Decision(needs_rule=True, needs_explanation=True, needs_length=True),
}


def decision_errors(action, rule=None, explanation="", days=None, for_good=False):
    """What the decision `action` still needs: {"rule" | "explanation" | "days": message}."""
    decision = DECISIONS[action]
    errors = {}
    if decision.needs_rule and not rule:
        errors["rule"] = _("Choose the rule of the charter this decision applies.")
    if decision.needs_explanation and not (explanation or "").strip():
        errors["explanation"] = _("Explain your decision to the author.")
    if decision.needs_length and not for_good and not days:
        errors["days"] = _("Give a number of days, or block for good.")
    if decision.needs_length and for_good and days:
        errors["days"] = _("Give a number of days or block for good, not both.")
    return errors


def refusal(target, action):
    """Why `action` cannot be taken on `target` in its present state (a message), or None.
    Whether there are reports to dismiss is known only by resolving them (see `act`)."""
    decision = DECISIONS.get(action)
    if decision is None:
        return _("Unknown action.")
    if target.type not in decision.targets:
        return _("This action applies to proposals and comments only.")
    if action == "hide" and target.status == "pending":
        return _("This contribution awaits moderation: approve or reject it.")
    if decision.status and target.status not in decision.from_statuses:
        return str(decision.refusal)
    if action == "hide" and target.status == "hidden" and not target.auto_hidden:
        return _("This contribution is already hidden.")  # only an automatic hiding is confirmed
    if action in ("warn", "block") and target.type in CONTENT and target.auto_hidden:
        return _("This contribution was hidden automatically after reports: first confirm the hiding or "
                 "dismiss the reports.")  # else it would stay hidden, out of the queue, with no appeal
    if action == "block" and target.author.blocked_for_good:
        return _("This person is already blocked for good.")
    return None


def available(target, open_reports):
    """The decisions the form offers for `target` now."""
    return [action for action in DECISIONS if refusal(target, action) is None
            and (action != "dismiss" or open_reports or target.auto_hidden)]


def _block(person, now, days, for_good):
    """Block `person` for `days`, or for good; returns the end of the block (None: for good)."""
    blocked_until = None
    if for_good:
        person.blocked_for_good = True
        person.blocked_until = None
    else:
        blocked_until = now + timedelta(days=int(days))
        if person.blocked_until and person.blocked_until >= blocked_until:
            raise Conflict(_("This person is already blocked until %(date)s.",
                             date=datetime_text(person.blocked_until)))
        person.blocked_until = blocked_until
    person.session_version = (person.session_version or 1) + 1  # open sessions stop working
    return blocked_until


def act(moderator, target, action, rule=None, explanation="", days=None, for_good=False, now=None, seen=None,
        seen_report=None):
    """Apply one decision to `target`; raises Conflict when the item or its state does not allow it,
    or when a decision was recorded on it, or a report sent, after the ones numbered `seen` and
    `seen_report` (the last the moderator saw: see meanwhile.py)."""
    now = now or utcnow()
    explanation = (explanation or "").strip()
    blocked_until = None
    target.lock()  # two moderators deciding at once, or a report sent: the second acts on what the first left
    require_up_to_date(moderator, target, seen, seen_report)
    refused = refusal(target, action)
    if refused:
        raise Conflict(refused)
    decision = DECISIONS[action]
    logged = action
    closed = []
    if decision.status:
        set_status(target, decision.status, moderator)
        closed = resolve_reports(target, decision.reports, now)
    elif action == "dismiss":
        closed = resolve_reports(target, "dismissed", now)
        if not closed and not target.auto_hidden:
            raise Conflict(_("There are no open reports on this item."))
        if target.auto_hidden:  # shown again: logged, and told to its author, as a restoration
            set_status(target, "published", moderator)
            logged = "restore"
    elif action == "warn":
        closed = resolve_reports(target, "resolved", now)
    elif action == "block":
        blocked_until = _block(target.author, now, days, for_good)
        closed = resolve_reports(target, "resolved", now)
    row = record(target, logged, moderator=moderator, rule=rule, explanation=explanation,
                 blocked_until=blocked_until)
    tell_author(row)
    reports_closed(target, closed, row)
    item_handled(target)
    return row


# --- appeals ----------------------------------------------------------------------------

class AlreadyAppealed(Exception):
    pass


def on_content(action):
    """Whether the decision `action` (a ModerationAction) is on what the public sees of a
    contribution: a block taken from its page is on its author, whatever becomes of it."""
    return action.target_type in CONTENT and action.action != "block"


def create_appeal(author, action, message):
    """One appeal per decision; the territory's team is told it awaits them."""
    from sqlalchemy.exc import IntegrityError

    if action.action not in APPEALABLE:
        raise Conflict(_("This decision cannot be appealed."))
    if action.target_type == "comment" and on_content(action):
        comment = load_target("comment", action.target_id)
        if comment is not None and comment.status == "deleted":
            raise Conflict(_("You deleted this comment since: there is nothing left to show again."))
    if db.session.scalar(db.select(Appeal.id).where(Appeal.action_id == action.id)):
        raise AlreadyAppealed()
    appeal = Appeal(action_id=action.id, author_id=author.id, message=message.strip())
    try:
        with db.session.begin_nested():
            db.session.add(appeal)
            db.session.flush()
    except IntegrityError:
        raise AlreadyAppealed() from None
    appeal_filed(appeal)
    return appeal


def _lift_block(person, reversed_block, now):
    """Reversing a block leaves the person under the other blocks still in force (another
    territory's, a later one): as long as the longest of them, or for good."""
    undone = db.select(Appeal.action_id).where(Appeal.decision == "reversed")
    remaining = db.session.scalars(db.select(ModerationAction.blocked_until).where(
        ModerationAction.subject_user_id == person.id, ModerationAction.action == "block",
        ModerationAction.id != reversed_block.id, ModerationAction.id.not_in(undone),
        or_(ModerationAction.blocked_until.is_(None), ModerationAction.blocked_until > now))).all()
    person.blocked_for_good = None in remaining
    person.blocked_until = None if person.blocked_for_good else max(remaining, default=None)


# The decisions that set what the public sees of an item: the one in force is the latest (a
# dismissal that shows an item again is logged as a restoration; others change nothing).
SHOWING = ("approve", "hide", "auto_hide", "restore", "reject", "appeal_reversed")


def _reversal_refusal(action, target):
    """Why reversing the appealed decision on content cannot show it again, or None: its author
    deleted it since, or a later decision (another moderator's, new reports hiding it) stands
    and reversing the older one would undo it."""
    if target is None or target.status == "deleted":
        return _("The contribution was deleted since: it cannot be shown again. Confirm the appeal to close it.")
    latest = db.session.scalar(
        db.select(ModerationAction.id).where(ModerationAction.target_type == action.target_type,
                                             ModerationAction.target_id == action.target_id,
                                             ModerationAction.action.in_(SHOWING))
        .order_by(ModerationAction.id.desc()).limit(1))
    if latest != action.id:
        return _("A later decision on this contribution stands: reversing this one would undo it. Confirm the "
                 "appeal, and review the contribution itself if the later decision is wrong.")
    return None


def decide_appeal(decider, appeal, decision, text, now=None):
    """Confirm or reverse the appealed decision; reversing restores the item or lifts the block
    (Conflict when the item cannot be shown again: see _reversal_refusal)."""
    from ..notifications import events

    lock_row(appeal)  # two people deciding at once: the second finds it decided
    if appeal.decision:
        raise Conflict(_("This appeal has already been decided."))
    now = now or utcnow()
    action = appeal.action
    target = load_target(action.target_type, action.target_id, action.territory_id)
    if target is not None and on_content(action):
        target.lock()  # the item as other requests (its author's withdrawal, a decision) left it
    if decision == "reversed" and on_content(action):
        refused = _reversal_refusal(action, target)
        if refused:
            raise Conflict(refused)
    appeal.decision = decision
    appeal.decision_text = text.strip()
    appeal.decided_by_id = decider.id
    appeal.decided_at = now
    if target is not None and decision == "reversed":
        if action.action == "block":
            _lift_block(target.author, action, now)
        elif target.type in CONTENT and target.status in ("hidden", "rejected"):
            set_status(target, "published", decider)
    if target is not None:
        record(target, "appeal_" + decision, moderator=decider, rule=action.rule,
               explanation=appeal.decision_text, territory_id=action.territory_id)
    db.session.flush()
    events.appeal_decided(appeal)
    appeal_handled(appeal)
    return appeal
