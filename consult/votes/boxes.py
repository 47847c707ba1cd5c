"""The vote box of a proposal: what every box of a request shares (VoteState), and its HTML,
kept per process for the exact inputs it was rendered from.

A listing shows twenty boxes; the same box (same proposal, counts, vote of the viewer,
language…) comes back for many people, so `vote_box` keeps it (core.fragments.render_kept)
under the tuple of everything it shows.
"""
from functools import cached_property

from flask import g, request, url_for
from flask_babel import gettext as _
from flask_babel import get_translations, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from .. import permissions
from ..core.flashes import flashed_at
from ..core.fragments import render_kept
from ..core.templating import number
from ..database import utcnow
from ..i18n import current_locale
from ..pagecache.personal import vote_box_slot
from .services import left_after, votes_left

_LABELS = {}
UNSET = object()


# The texts that differ by mode: in the support mode, people give supports, not votes.
_MODE_LABELS = {
    "support": {
        "sign_in_label": _l("Sign in to support"),
        "spent_hint": _l("You have used all your supports: withdraw one of them to support this proposal."),
        "closed_hint": _l("This proposal is no longer open to supports, but your support still uses one of "
                          "yours: take it back to support another proposal."),
        "take_back_label": _l("Take my support back"),
    },
    "for_against": {
        "sign_in_label": _l("Sign in to vote"),
        "spent_hint": _l("You have used all your votes: withdraw one of them to vote on this proposal."),
        "closed_hint": _l("This proposal is no longer open to votes, but your vote on it still uses one "
                          "of yours: take it back to vote for another proposal."),
        "take_back_label": _l("Take my vote back"),
    },
}


def _labels(locale, mode):
    """The fixed texts of the vote boxes, translated once per language, mode and process."""
    if (locale, mode) not in _LABELS:
        _LABELS[locale, mode] = {
            "choices": ((1, _("For")), (-1, _("Against")), (0, _("Abstain"))),
            "withdraw_label": _("Withdraw my vote"),
            "support_label": _("I support"),
            "support_hint": _("You support this proposal. Press the button again to withdraw your support."),
            **{name: str(text) for name, text in _MODE_LABELS.get(mode, _MODE_LABELS["for_against"]).items()},
        }
    return _LABELS[locale, mode]


def at_box(back, proposal_id):
    """`back`, at the proposal's vote box: not at the top of a long listing."""
    return back if "#" in back else f"{back}#vote-box-{proposal_id}"


def vote_labels(mode):
    """The vote boxes' fixed texts in the page's language (for the pages that offer the same
    actions elsewhere, as "my activity")."""
    return _labels(current_locale(), mode)


class VoteState:
    """What every vote box of one consultation shares within a request: may the signed-in
    person vote now, how many votes they have left, the CSRF token, the fixed labels."""

    def __init__(self, consultation, user, now, votes_used=None):
        self.consultation = consultation
        self._votes_used = votes_used
        self.mode = consultation.vote_mode
        phase_open = permissions.vote_phase_open(consultation, now)
        self.open = phase_open and permissions.can_take_part(user, consultation, now)
        self.sign_in = phase_open and not user.is_authenticated
        self._user = user
        self.csrf = generate_csrf() if self.open else None
        self.locale = current_locale()
        self.__dict__.update(_labels(self.locale, self.mode))
        self.key = (self.locale, consultation.id, self.mode, self.open, self.sign_in, consultation.max_votes)
        self._left_texts = {}
        self._ngettext = get_translations().ungettext

    @cached_property
    def left(self):
        """Votes left to this person (looked up once, when a box shows it, unless the votes
        used were given)."""
        if not (self.open and self.consultation.max_votes):
            return None
        if self._votes_used is not None:
            return left_after(self.consultation, self._votes_used)
        return votes_left(self._user, self.consultation)

    def supports_word(self, count):
        """"support" or "supports", after the count."""
        ngettext = self._ngettext  # the name the message extractor looks for
        return ngettext("support", "supports", count)

    @staticmethod
    def vote_url(proposal_id):
        return url_for("votes.vote", id=proposal_id)

    @staticmethod
    def withdraw_url(proposal_id):
        return url_for("votes.withdraw", id=proposal_id)

    def left_text(self, left):
        """"3 of 10 votes left" (rendered once per value and request)."""
        total = self.consultation.max_votes
        if left is None or not total:
            return ""
        if left not in self._left_texts:
            if self.mode == "support":
                text = ngettext("%(left)s of %(total)s support left", "%(left)s of %(total)s supports left", left,
                                left=number(left), total=number(total))
            else:
                text = ngettext("%(left)s of %(total)s vote left", "%(left)s of %(total)s votes left", left,
                                left=number(left), total=number(total))
            self._left_texts[left] = Markup('<p class="votes-left">%s</p>') % text
        return self._left_texts[left]


def vote_state(consultation, votes_used=None):
    """The VoteState of this consultation for the current request (built once); `votes_used`
    spares the query for votes left when the caller knows it."""
    states = g.setdefault("_vote_states", {})
    if consultation.id not in states:
        states[consultation.id] = VoteState(consultation, current_user, utcnow(), votes_used)
    return states[consultation.id]


def vote_box(consultation, proposal, my_vote, back=None, message="", left=UNSET):
    """The HTML of one vote box. `proposal` needs id, title, status and the three counts;
    `left` (votes left) is looked up once per request unless given."""
    state = vote_state(consultation)
    back = back or request.full_path.rstrip("?")
    if left is UNSET:
        left = state.left
    key = (state.key, proposal.id, proposal.title, proposal.status, proposal.votes_for,
           proposal.votes_against, proposal.votes_abstain, my_vote, left, back, message)
    take_back = state.open and my_vote is not None and permissions.offers_vote_back(proposal, consultation)
    return render_kept("votes/_vote_box.html", key, state.csrf, state=state, proposal=proposal,
                       my_vote=my_vote, left=left, back=back, vote_message=message, take_back=take_back,
                       at_box=at_box(back, proposal.id))


def page_vote_box(consultation, proposal, my_vote):
    """The vote box in a page (a marker when the page is rendered to be shared, which it never
    is with a message flashed), saying what was just done in it without JavaScript."""
    def render():
        said = " ".join(text for category, text in flashed_at(f"vote-box-{proposal.id}"))
        return vote_box(consultation, proposal, my_vote, message=said)
    return vote_box_slot(proposal, render)
