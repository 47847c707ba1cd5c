"""A consultation's categories, edited as a list of names: which existing category each
name keeps, so that renaming a category keeps its proposals in it.

A name keeps the category of the same French name (whatever the case), wherever it is in the
list: moving lines keeps every link. When no line moved and the number of lines is the same,
a line whose French name is new renames the category that was on that line. Any other
category is removed, which the services refuse while proposals use it, unless told to.
"""
from flask_babel import gettext as _
from flask_babel import ngettext

from .models import Category


def match(existing, names):
    """(categories, removed): for each of `names` ({"fr", "en"}), the existing category it
    keeps or None for a new one; and the existing categories that no name keeps.

    `existing` is the consultation's categories in their order (as the form lists them).
    """
    by_name = {}
    for category in existing:
        by_name.setdefault(category.name.get("fr", "").lower(), category)
    kept = [by_name.pop(name["fr"].lower(), None) for name in names]
    if len(names) == len(existing) and all(c is None or c is existing[i] for i, c in enumerate(kept)):
        kept = [c if c is not None else existing[i] for i, c in enumerate(kept)]
    taken = {id(c) for c in kept if c is not None}
    return kept, [c for c in existing if id(c) not in taken]


def apply(consultation, names):
    """Give the consultation these categories (names: [{"fr", "en"}], in order), keeping the
    existing ones as `match` pairs them; the others are deleted (their proposals keep none)."""
    kept, _removed = match(list(consultation.categories), names)
    categories = []
    for position, (category, name) in enumerate(zip(kept, names)):
        category = category or Category(consultation=consultation)
        category.name = {k: v for k, v in name.items() if v}
        category.position = position
        categories.append(category)
    consultation.categories[:] = categories  # the others are deleted (delete-orphan)


class InUse(str):
    """The refusal to remove categories that proposals use, as the back-office form says it: a
    message the form recognises, to offer removing them anyway. `listed` names the categories
    with their numbers of proposals, for the API to say how it confirms the removal."""

    def __new__(cls, message, listed):
        refusal = super().__new__(cls, message)
        refusal.listed = listed
        return refusal


def removal_error(consultation, names, proposals_by_category):
    """The refusal (InUse) to remove categories that proposals use, naming each with its number
    of proposals; None when no such category would go."""
    removed = match(list(consultation.categories), names)[1]
    used = [(c, proposals_by_category.get(c.id, 0)) for c in removed if proposals_by_category.get(c.id)]
    if not used:
        return None
    listed = ", ".join(
        ngettext("“%(name)s” (%(num)s proposal)", "“%(name)s” (%(num)s proposals)", count,
                 name=category.name.get("fr", ""))
        for category, count in used)
    return InUse(_("These categories would be removed, and their proposals would lose their category: "
                   "%(categories)s. To rename a category, change the text of its line without moving, "
                   "adding or removing lines.", categories=listed), listed)
