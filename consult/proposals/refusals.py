"""Why a person may not post, edit or withdraw a proposal, or comment, said in words (instead of
a bare "forbidden"), the same on the site and through the API."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from ..i18n import datetime_text

# Why a person may not take part in a consultation open to verified residents only (proposing,
# voting, commenting): said the same way everywhere.
NOT_VERIFIED = _l("This consultation is open to verified residents only: ask the staff of the territory "
                  "to verify your account, with a proof of address.")

# Why the staff may not answer a proposal (permissions.answer_refusal: 'not_published').
NOT_ANSWERABLE = _l("Only a published proposal can be answered officially: this one awaits moderation, was "
                    "hidden or rejected by moderation, or was withdrawn by its author.")


def suspended_message():
    """Why the person signed in (blocked by the moderators) may not take part: until when."""
    if current_user.blocked_for_good:
        return _("The moderators suspended your participation for good: you may still read the platform.")
    return _("The moderators suspended your participation until %(date)s: you may still read the platform.",
             date=datetime_text(current_user.blocked_until))


def refusal_message(reason, consultation):
    """The message for a permissions.propose_refusal reason."""
    if reason == "limit_reached":
        return ngettext("You have reached the limit of %(num)s proposal per person in this consultation "
                        "(withdrawn, hidden or rejected proposals count too).",
                        "You have reached the limit of %(num)s proposals per person in this consultation "
                        "(withdrawn, hidden or rejected proposals count too).", consultation.max_proposals_per_person)
    if reason == "phase_closed":
        return _("Proposals can be posted only while the proposals phase of this consultation is open: "
                 "see its timeline for the dates.")
    return take_part_message(reason) or _("You are not allowed to post a proposal in this consultation.")


def take_part_message(reason):
    """The message for a permissions.take_part_refusal reason about the person, or None."""
    if reason == "blocked":
        return suspended_message()
    if reason == "not_resident":
        return _("Only people with a confirmed, active account may take part. Confirm your email address "
                 "first, with the link we sent you.")
    if reason == "not_verified":
        return str(NOT_VERIFIED)
    return None


def edit_refusal_message(reason):
    """The message for a permissions.edit_proposal_refusal reason."""
    if reason == "phase_closed":
        return _("Proposals can be edited only while the proposals phase of this consultation is open: "
                 "see its timeline for the dates.")
    return take_part_message(reason) or _("This proposal can no longer be edited.")


def comment_refusal_message(reason):
    """The message for a permissions.comment_refusal reason (a visitor is invited to sign in
    apart, with a link)."""
    if reason == "comments_off":
        return _("Comments are turned off for this consultation.")
    return take_part_message(reason) or _("The debate is closed for this proposal.")


def edit_comment_refusal_message(reason):
    """The message for a permissions.edit_comment_refusal reason, or None (someone else's comment,
    or one no longer live: the error page's own)."""
    if reason == "too_late":
        return " ".join((_("This comment can no longer be edited."),
                         _("You may edit a comment during the 10 minutes after posting it.")))
    return None if reason == "not_editable" else comment_refusal_message(reason)


def withdraw_refusal_message(reason):
    """The message for a permissions.withdraw_proposal_refusal reason."""
    if reason == "closed":
        return _("This proposal can no longer be withdrawn: the vote of this consultation is over, or the "
                 "consultation is closed, and its results stay as they were.")
    return _("You cannot withdraw this proposal.")


def author_hint(edit_refusal, withdraw_refusal):
    """What the author reads on their proposal's page where a button is not offered, or None
    (the reasons of permissions.edit_proposal_refusal and withdraw_proposal_refusal)."""
    if withdraw_refusal == "closed":
        return withdraw_refusal_message(withdraw_refusal)
    if edit_refusal == "reacted" and withdraw_refusal is None:
        return _("Your proposal can no longer be edited: it has received votes or comments, which were given "
                 "to this text. You may still withdraw it.")
    if edit_refusal in ("phase_closed", "blocked", "not_verified"):
        return edit_refusal_message(edit_refusal)
    return None
