"""Translated labels of the fixed lists of consultations (themes, phases, settings)."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp

from ..text import fold

THEME_LABELS = {
    "energy": _l("Energy"),
    "mobility": _l("Mobility"),
    "agriculture_food": _l("Agriculture and food"),
    "health": _l("Health"),
    "housing": _l("Housing"),
    "digital": _l("Digital"),
    "environment": _l("Environment"),
    "culture": _l("Culture"),
    "education": _l("Education"),
    "public_space": _l("Public space"),
    "economy": _l("Economy"),
    "other": _l("Other"),
}

PHASE_LABELS = {
    "information": _l("Information"),
    "proposals": _l("Proposals"),
    "vote": _l("Vote"),
    "results": _l("Results"),
}

# Lower-case, to put inside a sentence (“The vote phase is open…”).
PHASE_LABELS_IN_SENTENCE = {
    "information": _l("information"),
    "proposals": _l("proposals"),
    "vote": _l("vote"),
    "results": _l("results"),
}

PHASE_STATE_LABELS = {
    "open": _l("Open"),
    "upcoming": _l("Upcoming"),
    "closed": _l("Closed"),
}

STATUS_LABELS = {
    "draft": _l("Draft"),
    "published": _lp("consultation", "Published"),
    "archived": _lp("consultation", "Archived"),
}

VOTE_MODE_LABELS = {
    "support": _l("Support"),
    "for_against": _l("For, against or abstain"),
}

PARTICIPATION_LABELS = {
    "confirmed": _l("Any account with a confirmed email"),
    "verified": _l("Only residents verified for the territory"),
}

MODERATION_LABELS = {
    "post": _l("After publication"),
    "pre": _l("Before publication"),
}

# What templates read as consultation_labels.status[c.status], consultation_labels.vote_mode[…], …
TEMPLATE_LABELS = {
    "status": STATUS_LABELS,
    "phase_state": PHASE_STATE_LABELS,
    "vote_mode": VOTE_MODE_LABELS,
    "participation": PARTICIPATION_LABELS,
}


def theme_label(key):
    return THEME_LABELS.get(key, key)


def themes_in_order():
    """The themes as (key, label), as a list is read: alphabetical in the page's language, "Other" last."""
    return sorted(THEME_LABELS.items(), key=lambda item: (item[0] == "other", fold(str(item[1]))))


def phase_label(kind):
    return PHASE_LABELS.get(kind, kind)
