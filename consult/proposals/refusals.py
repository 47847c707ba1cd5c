"""Why a person may not post a proposal, said in words (instead of a bare "forbidden")."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

# Why a person may not take part in a consultation open to verified residents only (proposing,
# voting, commenting): said the same way everywhere.
NOT_VERIFIED = _l("This consultation is open to verified residents only: ask the staff of the territory "
                  "to verify your account, with a proof of address.")


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
