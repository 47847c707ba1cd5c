"""Translated labels of proposal statuses and official answer states: the one place to name them.

The `*_IN_SENTENCE` forms are lower-case words to put inside a sentence (“The proposal … is now
hidden.”); their French agrees with « la proposition ».
"""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp

STATUS_LABELS = {
    "published": _lp("proposal", "Published"),
    "pending": _l("Awaiting moderation"),
    "hidden": _lp("proposal", "Hidden by moderation"),
    "rejected": _lp("proposal", "Rejected by moderation"),
    "withdrawn": _lp("proposal", "Withdrawn"),
}

ANSWER_LABELS = {
    "under_review": _l("Under review"),
    "accepted": _l("Accepted"),
    "not_retained": _l("Not selected"),
    "in_progress": _l("In progress"),
    "implemented": _l("Implemented"),
}

STATUS_LABELS_IN_SENTENCE = {
    "published": _l("published"),
    "pending": _l("awaiting moderation"),
    "hidden": _l("hidden"),
    "rejected": _l("rejected"),
    "withdrawn": _l("withdrawn"),
}

ANSWER_LABELS_IN_SENTENCE = {
    "under_review": _l("under review"),
    "accepted": _l("accepted"),
    "not_retained": _l("not selected"),
    "in_progress": _l("in progress"),
    "implemented": _l("implemented"),
}
