"""The parts of the proposal listing that depend on the person looking at it: rendered in
place, or left as markers when the listing is rendered to be shared by every signed-in
resident (see pagecache.personal, which fills them)."""
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from .. import permissions
from ..database import utcnow
from ..pagecache.personal import slot
from ..phases import allows
from .refusals import refusal_message
from .services import proposals_count


def sign_in_to_propose(consultation, css="button"):
    """While proposals are open, a visitor's link to sign in and make one; "" otherwise."""
    if not permissions.may_propose_once_signed_in(current_user, consultation, utcnow()):
        return ""
    return Markup('<a class="%s" href="%s">%s</a>') % (
        css, url_for("auth.login", next=url_for("proposals.create", id=consultation.id)),
        _("Sign in to make a proposal"))


def propose_button(consultation):
    """"Make a proposal", for a person who may make one now; while proposals are open, a
    visitor is invited to sign in for it, and a person who may not is told why."""
    if not current_user.is_authenticated:
        return sign_in_to_propose(consultation)
    now = utcnow()
    refusal = permissions.propose_refusal(current_user, consultation, now, proposals_count(current_user, consultation))
    if refusal is not None:
        return why_refused(refusal, consultation, now)
    return Markup('<a class="button" href="%s">%s</a>') % (
        url_for("proposals.create", id=consultation.id), _("Make a proposal"))


def why_refused(refusal, consultation, now):
    """Why this signed-in person (`refusal`: their propose_refusal) is offered no "Make a proposal"
    while proposals are open (their limit reached), nor any vote button while votes are open
    (their account suspended, not confirmed or not verified); "" otherwise."""
    personal = refusal in permissions.PERSONAL_REASONS
    open_to_them = allows(consultation, "propose", now) or (personal and permissions.vote_phase_open(consultation, now))
    if not (refusal == "limit_reached" or personal) or not current_user.is_authenticated or not open_to_them:
        return ""
    return Markup('<p class="propose-refusal">%s</p>') % refusal_message(refusal, consultation)


def your_proposal_hint():
    return Markup('<span class="visually-hidden">%s</span>') % _("(your proposal)")


def propose_slot(consultation):
    return slot("propose", "", lambda: propose_button(consultation))


def yours_slot(proposal):
    """The hint, on a proposal of the person that is not published (e.g. withdrawn)."""
    def render():
        mine = current_user.is_authenticated and current_user.id == proposal.author_id
        return your_proposal_hint() if mine else ""
    return slot("yours", proposal.author_id, render)


def init_app(app):
    app.jinja_env.globals.update(propose_slot=propose_slot, yours_slot=yours_slot,
                                  sign_in_to_propose=sign_in_to_propose, why_refused=why_refused)
