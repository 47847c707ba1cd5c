"""What happened, and who should hear about it.

Every function takes the object the event is about, works out who to tell (followers,
authors…, never the person who caused it: pass `actor` when the object does not say) and
calls notify() with a payload holding what describes the event in any language later. People
are stored by their id, never by their name: a name is read when the notice is shown, so that
a deleted account's name is nowhere left behind.
"""
from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from ..database import utcnow
from ..extensions import db
from ..permissions import can_view_proposal
from .gathered import detach, recount, relink, tell_followers
from .services import follow, follower_ids, notify, notify_all, quoted_title


def _tell(user_ids, kind, payload, url, exclude=()):
    excluded = {i for i in exclude if i is not None}
    return notify_all(set(user_ids) - excluded, kind, payload, url)


def _actor_id(actor):
    if actor is None:
        return None
    return actor if isinstance(actor, int) else getattr(actor, "id", None)


def consultation_url(consultation):
    return f"/consultations/{consultation.id}"


def proposal_url(proposal):
    return f"/proposals/{proposal.id}"


def comment_url(comment):
    """The comment's lasting address: it leads to its page of the debate, whichever it is then."""
    return f"/comments/{comment.id}"


def news_url(news):
    return f"/consultations/{news.consultation_id}/news/{news.id}"


# The topic of the notices that gather a proposal's debate, a consultation's proposals, its news.
def _debate(proposal_id):
    return f"debate:{proposal_id}"


def _proposals(consultation_id):
    return f"proposals:{consultation_id}"


def _news(consultation_id):
    return f"news:{consultation_id}"


def unfollowed(user_id, target_type, target_id):
    """Someone stops following: their notices gathering the target's events gather no more."""
    topics = {"proposal": (_debate(target_id),), "consultation": (_proposals(target_id), _news(target_id))}
    detach(user_id, topics.get(target_type, ()))


def _consultation_payload(consultation):
    return {"consultation_id": consultation.id, "consultation_title": dict(consultation.title or {})}


def _proposal_payload(proposal):
    return {"proposal_id": proposal.id, "proposal_title": proposal.title, "title_language": proposal.language,
            "consultation_id": proposal.consultation_id}


def consultation_published(consultation, actor=None):
    """A new consultation in a followed territory."""
    territory = consultation.territory
    payload = _consultation_payload(consultation)
    payload.update(territory_id=consultation.territory_id, territory_name=territory.name if territory else "")
    _tell(follower_ids("territory", consultation.territory_id), "new_consultation", payload,
          consultation_url(consultation), exclude=(_actor_id(actor), consultation.created_by_id))


def phase_opened(consultation, phase, actor=None, already=()):
    """A phase opens in a followed consultation (`already`: ids of people told before)."""
    payload = _consultation_payload(consultation)
    payload.update(phase_id=phase.id, phase_kind=phase.kind,
                   ends_at=phase.ends_at.isoformat() if phase.ends_at else None)
    return _tell(follower_ids("consultation", consultation.id), "phase_opened", payload,
          consultation_url(consultation), exclude=(_actor_id(actor), *already))


def proposal_answered(proposal, actor=None):
    """An official answer on a followed (or my own) proposal, told once. Not while the public may
    not read the proposal (its consultation back to draft): its link would lead nowhere; it is told
    when the consultation is published (answers_held). The answers not told yet are told in one
    notice, of the newest, once even when two admins publish at the same moment (the date is
    claimed by a conditional UPDATE)."""
    if not can_view_proposal(None, proposal):
        return
    model = _answer_model()
    claimed = db.session.execute(
        update(model).where(model.proposal_id == proposal.id, model.announced_at.is_(None))
        .values(announced_at=utcnow()).execution_options(synchronize_session=False)).rowcount
    if not claimed:
        return
    answer = proposal.answers[0] if proposal.answers else None
    payload = _proposal_payload(proposal)
    payload.update(answer_state=answer.state if answer else proposal.answer_state,
                   answer_id=answer.id if answer else None)
    author_of_answer = answer.author_id if answer else None
    _tell(follower_ids("proposal", proposal.id) | {proposal.author_id}, "proposal_answered", payload,
          proposal_url(proposal), exclude=(_actor_id(actor), author_of_answer))


def answers_held(consultation):
    """The consultation is published: the official answers given while it was a draft are told."""
    proposal, answer = _proposal_model(), _answer_model()
    held = db.session.scalars(db.select(proposal).where(
        proposal.consultation_id == consultation.id, proposal.answers.any(answer.announced_at.is_(None)))).all()
    for answered in held:
        proposal_answered(answered)


def proposal_status_changed(proposal, actor=None):
    """A followed (or my own) proposal is published, withdrawn…

    Hidden or rejected proposals tell nobody here: the author hears it through
    moderation_decision(), and followers may no longer see the proposal.
    """
    if proposal.status in ("hidden", "rejected"):
        return
    payload = _proposal_payload(proposal)
    payload.update(status=proposal.status)
    recipients = follower_ids("proposal", proposal.id) | {proposal.author_id}
    excluded = {_actor_id(actor)}
    if actor is None and proposal.status == "withdrawn":
        excluded.add(proposal.author_id)  # only the author withdraws
    _tell(recipients, "proposal_status", payload, proposal_url(proposal), exclude=excluded)


def first_published(item, actor=None):
    """A proposal or a comment published for the first time (at once, or when a moderator
    approves it, or reverses its rejection): those it concerns are told, once, even when two
    moderators approve it at the same moment (the date is claimed by a conditional UPDATE).
    What the public may not read (a comment on a proposal hidden since, a proposal of a
    consultation back to draft) is not announced, and keeps no date: it is announced if it is
    published again once the public may read it. The date is that of the announcement, which the
    followers' notices count (recounted)."""
    if item.status != "published" or item.published_at is not None:
        return
    is_comment = item.__tablename__ == "comment"
    if not can_view_proposal(None, item.proposal if is_comment else item):
        return
    now, model = utcnow(), type(item)
    claimed = db.session.execute(
        update(model).where(model.id == item.id, model.published_at.is_(None)).values(published_at=now)
        .execution_options(synchronize_session=False)).rowcount
    if not claimed:
        return
    set_committed_value(item, "published_at", now)
    if is_comment:
        comment_posted(item, actor)
    else:
        proposal_published(item)


def comment_posted(comment, actor=None):
    """A reply to my comment, a comment on my proposal, or in the debate of a proposal I follow
    (gathered). The commenter follows the proposal."""
    proposal = comment.proposal or db.session.get(_proposal_model(), comment.proposal_id)
    if comment.author.deleted_at is None:  # an account erased before its comment was approved follows nothing
        follow(comment.author_id, "proposal", comment.proposal_id, auto=True)
    payload = _proposal_payload(proposal)
    # the commenter's id, never their name: it is read when the notice is shown (texts.describe)
    payload.update(comment_id=comment.id, author_id=comment.author_id)
    told = {comment.author_id, _actor_id(actor)}
    parent = _replied_to(comment)
    if parent is not None and parent.author_id not in told:
        notify(parent.author_id, "comment_reply", payload, comment_url(comment))
        told.add(parent.author_id)
    if proposal.author_id not in told:
        notify(proposal.author_id, "proposal_comment", payload, comment_url(comment))
    tell_followers("followed_debate", "proposal", proposal.id, _debate(proposal.id),
                   _proposal_payload(proposal), comment_url(comment), comment.published_at,
                   exclude=_apart(comment))


def proposal_published(proposal):
    """A new proposal in a consultation I follow (gathered)."""
    consultation = proposal.consultation
    tell_followers("followed_proposals", "consultation", consultation.id, _proposals(consultation.id),
                   _consultation_payload(consultation), f"{consultation_url(consultation)}/proposals?sort=newest",
                   proposal.published_at, exclude=_apart(proposal))


def consultation_news(news):
    """News of a consultation I follow (gathered)."""
    consultation = news.consultation
    tell_followers("consultation_news", "consultation", consultation.id, _news(consultation.id),
                   _consultation_payload(consultation), news_url(news), news.announced_at,
                   exclude=_apart(news))


def _replied_to(comment):
    """The comment an announced reply answers, when its author hears of the reply by a notice of
    their own: not when they had deleted it before the reply was announced (they may still follow
    the debate, and hear of it with the other followers). None for a top-level comment."""
    parent = comment.parent if comment.parent_id else None
    if parent is None or (parent.deleted_at is not None and parent.deleted_at <= comment.published_at):
        return None
    return parent


def _apart(item):
    """Who the followers' notices never count an item for: its author, and those who hear of a
    comment by a notice of their own (the authors of the comment replied to and of the proposal).
    The same people whenever the item enters or leaves the count (recount): not whoever
    published it (a moderator approving it, an admin publishing a colleague's news), who is
    not known when it leaves; the author of the comment replied to when they were told of the
    reply (_replied_to), whether they deleted their comment since or not."""
    if item.__tablename__ == "comment":
        proposal = item.proposal or db.session.get(_proposal_model(), item.proposal_id)
        parent = _replied_to(item)
        return {item.author_id, proposal.author_id, parent.author_id if parent is not None else None}
    return {item.author_id}


def news_deleted(news):
    """News announced, deleted: the notices gathering it count one less, and those that led to it
    lead to the consultation's news."""
    if news.announced_at is not None:
        recount(_news(news.consultation_id), news.announced_at, -1, exclude=_apart(news))
        relink(news_url(news), f"/consultations/{news.consultation_id}/news")


def recounted(item, delta):
    """A proposal or comment announced leaves the public's sight (-1: hidden, rejected, deleted,
    back in the queue) or comes back (+1): the notices gathering it follow."""
    if item.published_at is None:
        return
    topic = _debate(item.proposal_id) if item.__tablename__ == "comment" else _proposals(item.consultation_id)
    recount(topic, item.published_at, delta, exclude=_apart(item))


def threshold_reached(proposal, actor=None):
    """My proposal passes the support threshold."""
    payload = _proposal_payload(proposal)
    consultation = proposal.consultation
    payload.update(threshold=consultation.support_threshold if consultation else 0,
                   votes=proposal.votes_for, mode=consultation.vote_mode if consultation else "support")
    recipients = {proposal.author_id} | follower_ids("proposal", proposal.id)
    _tell(recipients, "threshold_reached", payload, proposal_url(proposal), exclude=(_actor_id(actor),))


# Decisions whose subject is told; appeal outcomes go through appeal_decided().
SILENT_ACTIONS = ("dismiss", "appeal_confirmed", "appeal_reversed")


def _target_info(target_type, target_id):
    """(url, the payload's entries naming it) for a moderated item: its proposal's id, title and
    the title's language."""
    from ..comments.models import Comment
    from ..proposals.models import Proposal

    if target_type == "proposal":
        return f"/proposals/{target_id}", _named(db.session.get(Proposal, target_id), target_id)
    if target_type == "comment":
        comment = db.session.get(Comment, target_id)
        if comment is not None:
            return comment_url(comment), _named(comment.proposal, comment.proposal_id)
    return "/me", _named(None, None)


def _named(proposal, proposal_id):
    return {"proposal_id": proposal_id, **quoted_title(proposal)}


def moderation_decision(action):
    """A moderation decision about my content or my account (always delivered)."""
    from ..moderation.models import APPEALABLE

    if action.action in SILENT_ACTIONS or action.subject_user_id is None:
        return None
    if action.subject_user_id == action.moderator_id:
        return None
    url, named = _target_info(action.target_type, action.target_id)
    payload = {"action_id": action.id, "action": action.action, "rule": action.rule,
               "target_type": action.target_type, "target_id": action.target_id, **named,
               "explanation": action.explanation or "",
               "blocked_until": action.blocked_until.isoformat() if action.blocked_until else None}
    if action.action in APPEALABLE:  # where the statement of reasons is, with the way to appeal
        url = "/me/moderation"
    return notify(action.subject_user_id, "moderation_decision", payload, url)


def appeal_decided(appeal):
    """The outcome of my appeal, with the explanation (always delivered). It links to my
    moderation decisions, where the outcome is kept, whatever became of the item."""
    if appeal.author_id == appeal.decided_by_id:
        return None
    action = appeal.action
    _url, named = _target_info(action.target_type, action.target_id) if action else ("", _named(None, None))
    payload = {"appeal_id": appeal.id, "action_id": appeal.action_id, "decision": appeal.decision,
               "decision_text": appeal.decision_text or "", "action": action.action if action else None,
               "rule": action.rule if action else None,
               "target_type": action.target_type if action else None, **named}
    return notify(appeal.author_id, "appeal_outcome", payload, "/me/moderation")


def _proposal_model():
    from ..proposals.models import Proposal

    return Proposal


def _answer_model():
    from ..proposals.models import ProposalAnswer

    return ProposalAnswer
