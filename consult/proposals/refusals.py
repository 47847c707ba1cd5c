"""Why a person may not post, edit or withdraw a proposal, said in words (instead of a bare
"forbidden"), the same on the site and through the API."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

# Why a person may not take part in a consultation open to verified residents only (proposing,
# voting, commenting): said the same way everywhere.
NOT_VERIFIED = _l("This consultation is open to verified residents only: ask the staff of the territory "
                  "to verify your account, with a proof of address.")

# Why the staff may not answer a proposal (permissions.answer_refusal: 'not_published').
NOT_ANSWERABLE = _l("Only a published proposal can be answered officially: this one awaits moderation, was "
                    "hidden or rejected by moderation, or was withdrawn by its author.")


def refusal_message(reason, consultation):
    """The message for a permissions.propose_refusal reason."""
    if reason == "limit_reached":
        limit = consultation.max_proposals_per_person
        return ngettext("You have posted %(num)s proposal in this consultation, the most allowed per person "
                        "(withdrawn proposals count too).",
                        "You have posted %(num)s proposals in this consultation, the most allowed per person "
                        "(withdrawn proposals count too).", limit)
    if reason == "phase_closed":
        return _("Proposals can be posted only while the proposals phase of this consultation is open: "
                 "see its timeline for the dates.")
    if reason == "not_resident":
        return _("Only people with a confirmed, active account may post proposals. Confirm your email "
                 "address first, with the link we sent you.")
    if reason == "not_verified":
        return str(NOT_VERIFIED)
    return _("You are not allowed to post a proposal in this consultation.")


def edit_refusal_message(reason):
    """The message for a permissions.edit_proposal_refusal reason."""
    if reason == "phase_closed":
        return _("Proposals can be edited only while the proposals phase of this consultation is open: "
                 "see its timeline for the dates.")
    return _("This proposal can no longer be edited.")


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
    if edit_refusal == "phase_closed":
        return edit_refusal_message(edit_refusal)
    return None
