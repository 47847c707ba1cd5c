"""The cards of the proposal listing: what each shows besides its vote box, its texts
translated once for the whole page."""
from dataclasses import dataclass

from flask import url_for
from flask_babel import get_translations
from markupsafe import Markup

from ..core.templating import number
from .models import Proposal


@dataclass
class Card:
    """What one card of the listing shows, besides its vote box."""
    proposal: Proposal
    url: str
    byline: str
    comments: str
    review: str | None = None  # for a moderator, the text of the link to its decision page


def _review_text(gettext, ngettext, reports):
    if not reports:
        return gettext("Needs review")
    text = ngettext("Needs review (%(num)s report)", "Needs review (%(num)s reports)", reports)
    return text % {"num": number(reports)}


def cards_for(proposals, consultation, reviews=None):
    """Each card's link and texts, computed here with one lookup of the translations: each
    gettext call in a template looks them up again, several times per card. `reviews`:
    review.to_review, for a moderator."""
    translations = get_translations()
    gettext, ngettext = translations.ugettext, translations.ungettext
    reviews = reviews or {}
    cards = []
    for p in proposals:
        cards.append(Card(
            proposal=p, url=url_for("proposals.show", id=p.id),
            byline=Markup(gettext("by %(name)s")) % {"name": p.author.display_name},
            comments=ngettext("%(num)s comment", "%(num)s comments", p.comments_count) % {"num": number(p.comments_count)},
            review=_review_text(gettext, ngettext, reviews[p.id]) if p.id in reviews else None,
        ))
    return cards
