"""The debate: posting, editing and deleting comments, and building a proposal's thread.

Functions add and flush; the request commits once.
"""
from sqlalchemy import exists, func, or_, select, tuple_, update
from sqlalchemy.orm import joinedload

from .. import permissions
from ..core.pagination import page_count
from ..core.ratelimits import REPEAT_WINDOW
from ..database import count_rows, lock_row, serialize, utcnow
from ..extensions import db
from ..proposals.models import Proposal
from .forms import STANCE_LABELS, CommentForm
from .models import MAX_DEPTH, Comment

ARGUMENTS_SHOWN = 5
# The debate is shown a page of conversations at a time (a top-level comment with its replies):
# a proposal with hundreds of comments stays a page a phone loads quickly.
THREADS_PER_PAGE = 30


class ThreadError(Exception):
    """A reply that cannot be attached (too deep, or to a comment that is not published); `parent`
    is the comment replied to, which the person may see."""

    def __init__(self, reason, parent):
        super().__init__(reason)
        self.parent = parent


# --- counters ---------------------------------------------------------------------------

def adjust_comments_count(comment, delta):
    """The comment enters (+1) or leaves (-1) the public debate: an atomic UPDATE of the
    published-comments counter, in the request's transaction; and the followers' notices that
    gathered it follow (shown for the first time, it is announced instead: events.first_published)."""
    from ..notifications.events import recounted

    proposal_id = comment.proposal_id
    if delta:
        # The proposal's row first, then the notices, as a new comment does: two requests on one
        # debate lock them in the same order, and never wait for each other (PostgreSQL).
        db.session.execute(
            update(Proposal).where(Proposal.id == proposal_id)
            .values(comments_count=Proposal.comments_count + delta)
            .execution_options(synchronize_session=False)
        )
        recounted(comment, delta)
        proposal = db.session.get(Proposal, proposal_id)
        if proposal is not None:
            db.session.expire(proposal, ["comments_count"])


# --- writing ----------------------------------------------------------------------------

def _initial_status(consultation, body):
    from ..moderation.services import initial_status

    return initial_status(consultation, kind="comment", markdown=body)


def find_parent(proposal, parent_id, viewer):
    """The comment replied to; LookupError when the proposal has no such comment that `viewer` may
    see (one held back by moderation is, for others, as if it did not exist); ThreadError when it
    is too deep or not open to replies."""
    if not parent_id:
        return None
    parent = db.session.get(Comment, int(parent_id))
    if parent is None or parent.proposal_id != proposal.id or not permissions.can_see_comment(viewer, parent):
        raise LookupError(parent_id)
    if parent.status != "published":
        raise ThreadError("closed", parent)
    if parent.depth >= MAX_DEPTH:
        raise ThreadError("depth", parent)
    return parent


def _repeated(proposal, author, body, parent):
    """The comment this person posted moments ago (REPEAT_WINDOW) in the same place with this
    text, and has not deleted; None otherwise. Looked for one post of the person on the proposal
    at a time: a repeat sent at the same moment finds the first once it is committed."""
    serialize("comments of", proposal.id, author.id)
    return db.session.scalars(
        select(Comment).where(
            Comment.proposal_id == proposal.id, Comment.author_id == author.id, Comment.body == body,
            (Comment.parent_id == parent.id) if parent else Comment.parent_id.is_(None),
            Comment.status != "deleted", Comment.created_at >= utcnow() - REPEAT_WINDOW,
        ).order_by(Comment.id.desc()).limit(1)
    ).first()


def post_comment(proposal, author, body, stance=None, parent=None, follow=None, language="fr"):
    """Create a comment (published or pending), keep the counter exact, follow, and tell: those
    whom it concerns (published), or its territory's team (pending). `follow` is the person's
    choice (the box of the form); without one (the API), taking part follows the proposal,
    unless they stopped following it. `language`: the one it is written in, the request's
    (i18n.current_locale), as for a proposal. The same comment sent twice (a double click, the
    form sent again after a slow answer, an API call repeated when its answer was lost) is the
    first one, returned as it is: nothing is posted, counted or told again. Sent again with
    another stance, it is its author's correction: the first one takes that stance (an edit,
    marked as such), while they may still edit it."""
    from ..notifications import events
    from ..notifications.services import follow as follow_target, unfollow
    from ..notifications.staff_events import awaiting_moderation

    repeated = _repeated(proposal, author, body, parent)
    if repeated and repeated.stance == (stance or None):
        return repeated
    now = utcnow()
    if repeated and permissions.can_edit_comment(author, repeated, now):
        return edit_comment(author, repeated, body, stance, now)
    comment = Comment(
        proposal_id=proposal.id, proposal=proposal, author=author, body=body,
        stance=stance or None, parent=parent, depth=(parent.depth + 1) if parent else 1,
        language=language,
        status=_initial_status(proposal.consultation, body),
    )
    db.session.add(comment)
    db.session.flush()
    if comment.status == "published":
        adjust_comments_count(comment, 1)
    if follow is False:
        unfollow(author, "proposal", proposal.id)
    else:
        follow_target(author, "proposal", proposal.id, auto=follow is None)
    if comment.status == "published":
        events.first_published(comment, actor=author)
    else:
        awaiting_moderation("comment", comment)
    return comment


class NotEditable(Exception):
    """The comment may no longer be edited by this person (permissions.can_edit_comment)."""


def edit_comment(user, comment, body, stance, now):
    """Change the text and stance; a new forbidden word sends it back to the queue (its team is
    told). NotEditable when it may no longer be edited: hidden or deleted meanwhile, its new text
    would be kept unseen, and shown as it is if the hiding were reversed on appeal."""
    from ..notifications.staff_events import awaiting_moderation

    lock_row(comment)  # a moderator, or the same edit twice, at the same moment: decided on what they left
    if not permissions.can_edit_comment(user, comment, now):
        raise NotEditable()
    was = comment.status
    comment.body = body
    comment.stance = stance or None
    comment.edited_at = now
    if was == "published":
        comment.status = _initial_status(comment.proposal.consultation, body)
        if comment.status != "published":
            adjust_comments_count(comment, -1)
            awaiting_moderation("comment", comment)
    db.session.flush()
    return comment


def delete_comment(comment, now):
    """Soft delete: the row stays so that replies keep their place in the thread (deleted
    twice at the same moment, or hidden meanwhile, it leaves the count once); deleted while it
    awaited moderation, the team's notices of it are settled."""
    from ..moderation.services import load_target
    from ..notifications.staff_events import withdrawn_from_queue

    lock_row(comment)
    if comment.status == "published":
        adjust_comments_count(comment, -1)
    elif comment.status == "pending":
        withdrawn_from_queue(load_target("comment", comment.id))
    comment.status = "deleted"
    comment.deleted_at = now
    db.session.flush()
    return comment


# --- reading ----------------------------------------------------------------------------

class Node:
    """One comment in the thread, with what the viewer may see and do."""

    __slots__ = ("comment", "children", "state", "reason", "can_edit", "can_delete", "can_reply", "can_report",
                 "moderation")

    def __init__(self, comment):
        self.comment = comment
        self.children = []
        self.state = comment.status
        self.reason = None
        self.can_edit = self.can_delete = self.can_reply = self.can_report = False
        self.moderation = None  # permissions.moderation_offer: the link to its decision page

    @property
    def shows_body(self):
        return self.state in ("published", "pending", "rejected")

    @property
    def stance_label(self):
        stance = self.comment.stance
        return STANCE_LABELS.get(stance) if stance else None


def _moderation_reasons(comments):
    """{comment id: the moderators' reason} for the comments taken down among `comments` (one query)."""
    from ..moderation.services import hidden_reasons

    return hidden_reasons("comment", [c.id for c in comments if c.status in permissions.TAKEN_DOWN_STATUSES])


def quoted(comment):
    """A comment as its thread shows it (a placeholder when it is hidden, rejected or deleted), to
    quote above a form: templates/comments/_quoted.html. Only for a comment the person may see."""
    node = Node(comment)
    node.reason = _moderation_reasons([comment]).get(comment.id)
    return node


_REPLY = Comment.__table__.alias("reply")


def _conversations(proposal, user):
    """The debate's conversations that `user` is shown, as a query of their top-level comments'
    ids: those they may see, and those with a reply they may see (build_tree shows them as a
    placeholder)."""
    territory_id = proposal.consultation.territory_id
    reply = _REPLY.c  # a Core alias: an ORM alias costs more to build than the query takes to run
    return select(Comment.id).where(
        Comment.proposal_id == proposal.id, Comment.parent_id.is_(None),
        or_(permissions.comments_seen_by(user, territory_id, Comment),
            exists().where(reply.root_id == Comment.id, permissions.comments_seen_by(user, territory_id, reply))))


def _in_order(query):
    return query.order_by(Comment.created_at, Comment.id)


def load_conversations(root_ids):
    """The comments of these conversations (top-level comments' ids), oldest first, authors
    included: one query."""
    return db.session.scalars(_in_order(
        select(Comment).options(joinedload(Comment.author))
        .where(or_(Comment.id.in_(root_ids), Comment.root_id.in_(root_ids)))
    )).unique().all()


def staff_roles(comments, territory_id):
    """{author id: 'admin' or 'moderator'} for the authors who serve the proposal's territory
    in that role now (permissions.holds_roles: a block suspends it), so that a town's answers
    in the debate stand out: one query, none without comments."""
    from ..territories.models import Membership

    authors = {c.author_id: c.author for c in comments}
    if not authors:
        return {}
    rows = db.session.execute(db.select(Membership.user_id, Membership.role).where(
        Membership.territory_id == territory_id, Membership.user_id.in_(authors)))
    roles = {}
    for user_id, role in rows:
        if permissions.holds_roles(authors[user_id]) and roles.get(user_id) != "admin":
            roles[user_id] = role
    return roles


def build_tree(comments, user, now, may_comment, territory_id, reasons=None):
    """Top-level nodes with their replies; comments the viewer may not see are left out,
    unless they have visible replies (then they stand as an 'unavailable' placeholder)."""
    reasons = reasons or {}
    nodes = {c.id: Node(c) for c in comments}
    roots = []
    for c in comments:
        node = nodes[c.id]
        node.reason = reasons.get(c.id)
        node.can_edit = permissions.can_edit_comment(user, c, now)
        node.can_delete = permissions.can_delete_comment(user, c)
        node.can_reply = may_comment and c.status == "published" and c.depth < MAX_DEPTH
        node.can_report = permissions.offers_report(user, c, now)
        node.moderation = permissions.moderation_offer(user, c, territory_id)
        parent = nodes.get(c.parent_id) if c.parent_id else None
        (parent.children if parent else roots).append(node)

    def prune(items):
        kept = []
        for node in items:
            node.children = prune(node.children)
            if permissions.can_view_comment(user, node.comment, territory_id):
                kept.append(node)
            elif node.children:
                node.state = "unavailable"
                node.can_edit = node.can_delete = node.can_reply = node.can_report = False
                kept.append(node)
        return kept

    return prune(roots)


def _published_by_stance(proposal):
    """{stance (None for none): published comments}: one query."""
    return dict(db.session.execute(
        select(Comment.stance, func.count()).where(Comment.proposal_id == proposal.id, Comment.status == "published")
        .group_by(Comment.stance)).all())


def _arguments(proposal, stance):
    """The newest published comments of this stance, replies included (as the thread shows them)."""
    return db.session.scalars(
        select(Comment).options(joinedload(Comment.author))
        .where(Comment.proposal_id == proposal.id, Comment.status == "published", Comment.stance == stance)
        .order_by(Comment.created_at.desc(), Comment.id.desc()).limit(ARGUMENTS_SHOWN)).all()


def _contains(node, comment_id):
    return node.comment.id == comment_id or any(_contains(child, comment_id) for child in node.children)


def comment_page(comment, user, now):
    """The page of its proposal's debate where `user` sees this comment (its conversation and the
    number of conversations shown before it: two queries), or None when they do not see it
    (awaiting moderation, rejected, and no reply shown under it)."""
    proposal = comment.proposal
    tree = build_tree(load_conversations([comment.root_id or comment.id]), user, now, False,
                      proposal.consultation.territory_id)
    if not tree or not _contains(tree[0], comment.id):
        return None
    root = tree[0].comment
    earlier = _conversations(proposal, user).where(tuple_(Comment.created_at, Comment.id) < (root.created_at, root.id))
    return count_rows(earlier) // THREADS_PER_PAGE + 1


def thread_context(proposal, user, now, form=None, page=1):
    """Everything templates/comments/_thread.html needs for one page of the debate: the page's
    conversations are chosen by the database, and only their comments are read (a bounded
    number of queries, whatever the length of the debate)."""
    from ..moderation.services import reported_ids
    from ..notifications.services import follow_state

    conversations = _conversations(proposal, user)
    pages = page_count(count_rows(conversations), THREADS_PER_PAGE)
    page = min(max(page, 1), pages)
    root_ids = db.session.scalars(_in_order(conversations).limit(THREADS_PER_PAGE)
                                  .offset((page - 1) * THREADS_PER_PAGE)).all()
    comments = load_conversations(root_ids) if root_ids else []
    territory_id = proposal.consultation.territory_id
    may_comment = permissions.can_comment(user, proposal, now)
    tree = build_tree(comments, user, now, may_comment, territory_id, _moderation_reasons(comments))
    shown = [c.id for c in comments if c.status == "published"]
    published = _published_by_stance(proposal)
    # The boxes "Follow this proposal" are ticked unless the person stopped following it.
    following = follow_state(user, "proposal", proposal.id)
    return {
        "comment_thread": tree,
        "comment_pages": {"page": page, "pages": pages},
        "threads_per_page": THREADS_PER_PAGE,
        "comment_form": form or (CommentForm(formdata=None, follow=following is not False) if may_comment else None),
        "following_proposal": following is True,
        "can_post_comment": may_comment,
        "comments_published_count": sum(published.values()),
        "comment_reported_ids": reported_ids(user, "comment", shown) if shown else set(),
        "comment_thread_proposal": proposal,
        "comment_staff": staff_roles(comments, territory_id),
        "comments_enabled": proposal.consultation.comments_enabled,
        "arguments_for": _arguments(proposal, "for") if published.get("for") else [],
        "arguments_against": _arguments(proposal, "against") if published.get("against") else [],
        "arguments_for_count": published.get("for", 0),
        "arguments_against_count": published.get("against", 0),
    }
