"""Translated labels of comment statuses (shown to the author and to moderators). French
agrees them with « commentaire », where a proposal's agree with « proposition »."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp

STATUS_LABELS = {
    "published": _lp("comment", "Published"),
    "pending": _l("Awaiting moderation"),
    "hidden": _lp("comment", "Hidden by moderation"),
    "rejected": _lp("comment", "Rejected by moderation"),
    "deleted": _lp("comment", "Deleted by its author"),
}
