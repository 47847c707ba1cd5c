"""Posting, editing, withdrawing and answering proposals. Services add and flush; never commit."""
import secrets

from flask_babel import gettext as _

from ..core.ratelimits import REPEAT_WINDOW
from ..database import lock_row, serialize, utcnow
from ..permissions import edit_proposal_refusal, is_signed_in, withdraw_proposal_refusal
from ..extensions import db
from ..text import one_line, search_text
from ..uploads import discard_after_commit
from .listing import RANDOM_KEY_MAX, forget_counts
from .models import Proposal, ProposalAnswer


def new_random_key():
    """The fixed random number a proposal is listed by in the random order."""
    return secrets.randbelow(RANDOM_KEY_MAX)


def proposals_count(user, consultation, posting=False):
    """How many proposals this person posted in this consultation, as counted against its limit
    per person (withdrawn ones included: withdrawing does not give a proposal back); 0, without
    a query, when there is no limit or nobody is signed in. `posting`: the count decides a post
    that the request makes, so two posts of the person at once (a double click) are counted
    one after the other, the second once the first is committed."""
    if not consultation.max_proposals_per_person or not is_signed_in(user):
        return 0
    if posting:
        serialize("proposals of", consultation.id, user.id)
    return db.session.scalar(
        db.select(db.func.count(Proposal.id)).where(
            Proposal.consultation_id == consultation.id, Proposal.author_id == user.id
        )
    ) or 0


def repeated_proposal(consultation, author, title, body, now=None):
    """The proposal this person posted in this consultation moments ago (REPEAT_WINDOW) with this
    title and text, and has not withdrawn; None otherwise. The same post sent twice (a double
    click on Publish, the form sent again after a slow answer, an API call repeated when its
    answer was lost) is answered with the first proposal instead of a second one, which would
    use up the limit per person. Looked for before the limit is counted, under its key: a
    repeat sent at the same moment finds the first once it is committed."""
    serialize("proposals of", consultation.id, author.id)
    return db.session.scalars(
        db.select(Proposal).where(
            Proposal.consultation_id == consultation.id, Proposal.author_id == author.id,
            Proposal.title == title, Proposal.body == body, Proposal.status != "withdrawn",
            Proposal.created_at >= (now or utcnow()) - REPEAT_WINDOW,
        ).order_by(Proposal.id.desc()).limit(1)
    ).first()


def same_choices(proposal, category_id, address, latitude, longitude):
    """Whether a repeat of the proposal's title and text (repeated_proposal) chooses what the
    proposal has: its category and its place. One that chooses otherwise is its author's
    correction, moments after posting (a category picked by mistake, an address mistyped): the
    proposal is to be edited with it, not answered as it was, nor posted again."""
    return ((str(proposal.category_id or ""), proposal.address, proposal.latitude, proposal.longitude)
            == (str(category_id or ""), one_line(address or "") or None, latitude, longitude))


def _apply(proposal, data):
    proposal.title = data["title"]
    proposal.body = data["body"]
    proposal.category_id = data.get("category_id")
    proposal.address = data.get("address") or None
    proposal.latitude = data.get("latitude")
    proposal.longitude = data.get("longitude")
    image = data.get("image_path")  # a new image, just stored
    if image or data.get("remove_image"):
        discard_after_commit(proposal.image_path)  # the one it replaces goes with the change
        proposal.image_path = image
    proposal.search_text = search_text(proposal.title, proposal.body)


def _initial_status(proposal):
    """'published' or 'pending' (moderation.initial_status): the forbidden words are looked for in
    all the proposal shows that its author wrote."""
    from ..moderation.services import initial_status

    return initial_status(proposal.consultation, "\n".join((proposal.title, proposal.address or "")),
                          markdown=proposal.body)


def submit_proposal(consultation, author, data, language="fr"):
    """Create a proposal, published (the followers of its consultation are told) or awaiting
    moderation (its team is told); the author follows it."""
    from ..notifications.events import first_published
    from ..notifications.services import follow
    from ..notifications.staff_events import awaiting_moderation

    proposal = Proposal(consultation=consultation, author=author, language=language,
                        random_key=new_random_key())
    _apply(proposal, data)
    proposal.status = _initial_status(proposal)
    db.session.add(proposal)
    db.session.flush()
    follow(author, "proposal", proposal.id)
    forget_counts(consultation.id)
    if proposal.status == "pending":
        awaiting_moderation("proposal", proposal)
    else:
        first_published(proposal, actor=author)
    return proposal


class Refused(Exception):
    """This person may not change the proposal so now: `reason`, of permissions.py's refusals."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class NotEditable(Refused):
    """The reason of permissions.edit_proposal_refusal."""


class NotWithdrawable(Refused):
    """The reason of permissions.withdraw_proposal_refusal."""


def update_proposal(user, proposal, data, now=None):
    """The author's edit goes through moderation as a new proposal would: in a pre-moderated
    consultation, or with a forbidden word, a published proposal goes back to the queue (its
    team is told). NotEditable when the author may no longer edit it."""
    from ..notifications.events import recounted
    from ..notifications.staff_events import awaiting_moderation

    lock_row(proposal)  # hidden at the same moment by a moderator: it is not edited, and stays hidden
    refusal = edit_proposal_refusal(user, proposal, now or utcnow())
    if refusal:
        raise NotEditable(refusal)
    _apply(proposal, data)
    if proposal.status == "published":
        proposal.status = _initial_status(proposal)
        if proposal.status != "published":
            forget_counts(proposal.consultation_id)
            recounted(proposal, -1)
            awaiting_moderation("proposal", proposal)
    db.session.flush()
    return proposal


def withdraw_proposal(user, proposal, now=None):
    """The author withdraws their published proposal: True when it is withdrawn now, False when
    they had withdrawn it already (the request repeated: nothing changes); NotWithdrawable
    otherwise. The site and the API answer a repeat as they answered the first."""
    lock_row(proposal)  # hidden at the same moment by a moderator: it is not withdrawn, and stays hidden
    if is_signed_in(user) and user.id == proposal.author_id and proposal.status == "withdrawn":
        return False
    now = now or utcnow()
    refusal = withdraw_proposal_refusal(user, proposal, now)
    if refusal:
        raise NotWithdrawable(refusal)
    proposal.status = "withdrawn"
    proposal.withdrawn_at = now
    db.session.flush()
    forget_counts(proposal.consultation_id)
    from ..notifications.events import proposal_status_changed

    proposal_status_changed(proposal, actor=proposal.author)
    return True


def is_current_answer(proposal, state, text_fr, text_en="", document_id=None):
    """Whether this answer is the proposal's current one, word for word and with the same
    document (sent again, it would add nothing to the history but a second notice to the
    followers)."""
    current = proposal.answers[0] if proposal.answers else None
    return current is not None and (
        current.state, current.text.get("fr", ""), current.text.get("en", ""), current.document_id) == (
        state, text_fr, text_en or "", document_id)


def answer_proposal(proposal, author, state, text_fr, text_en="", document_id=None):
    """A new official answer, resting on one of the consultation's documents when `document_id`
    names one: the history keeps the earlier ones; followers are told."""
    from ..notifications.events import proposal_answered

    text = {"fr": text_fr}
    if text_en:
        text["en"] = text_en
    answer = ProposalAnswer(proposal=proposal, author=author, state=state, text=text, document_id=document_id,
                            created_at=utcnow())
    db.session.add(answer)
    proposal.answer_state = state
    db.session.flush()
    forget_counts(proposal.consultation_id)  # the "not answered yet" filter counts one less
    db.session.expire(proposal, ["answers"])
    proposal_answered(proposal, actor=author)
    return answer


def published_message(proposal):
    if proposal.status == "published":
        return _("Your proposal is published.")
    return _("Your proposal awaits moderation. It will be visible once a moderator has approved it.")
