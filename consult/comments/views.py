"""Posting, replying to, editing and deleting comments on a proposal.

The thread itself is rendered inside the proposal page from services.thread_context.
"""
from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import permissions
from ..core.errors import render_error
from ..core.flashes import flash_at
from ..core.ratelimits import limit_posts
from ..core.urls import bounded_int
from ..database import utcnow
from ..extensions import db
from ..i18n import current_locale
from ..proposals.models import Proposal
from ..proposals.refusals import comment_refusal_message, edit_comment_refusal_message
from . import bp
from .forms import CommentForm, DeleteCommentForm, EditCommentForm
from .models import MAX_DEPTH, Comment
from .services import (NotEditable, ThreadError, comment_page, delete_comment, edit_comment, find_parent,
                       post_comment, quoted)

bp.add_app_template_global(comment_refusal_message, "comment_refusal_message")


def _at(comment, page):
    """The comment's place on its page of the debate."""
    return url_for("proposals.show", id=comment.proposal_id, page=page if page > 1 else None,
                   _anchor=f"comment-{comment.id}")


def proposal_url(proposal, comment=None):
    """The proposal's debate, at the page and the place of `comment` (as the signed-in person sees it)."""
    if comment is None:
        return url_for("proposals.show", id=proposal.id, _anchor="debate")
    return _at(comment, comment_page(comment, current_user, utcnow()) or 1)


def back_url(proposal, comment=None):
    """The link back from a comment's form: its lasting address, which finds its page only
    when followed (proposal_url reads the whole debate to find it)."""
    if comment is None:
        return proposal_url(proposal)
    return url_for("comments.show", id=comment.id)


@bp.get("/comments/<int:id>")
def show(id):
    """A comment's lasting address (in notifications, the moderation pages, "my activity"): its
    place in its proposal's debate, whichever page it is on now. A comment the visitor does
    not see is not found, as if it did not exist."""
    comment = _visible_comment(id)
    page = comment_page(comment, current_user, utcnow())
    if page is None:
        abort(404)
    return redirect(_at(comment, page))


def _visible_proposal(id):
    proposal = db.get_or_404(Proposal, id)
    permissions.require(permissions.can_view_proposal(current_user, proposal), 404)
    return proposal


def _visible_comment(id):
    """A comment the visitor may see; any other is not found, as if it did not exist."""
    comment = db.get_or_404(Comment, id)
    permissions.require(permissions.can_see_comment(current_user, comment), 404)
    return comment


def _form_page(form, proposal, parent=None, message=None, answered=None, draft_of=None):
    """The comment form again (422), with `message` above it, quoting `answered` (the comment
    replied to, by default `parent`), its browser draft kept under `draft_of`."""
    answered = answered or parent
    return render_template("comments/form.html", form=form, proposal=proposal, parent=parent, message=message,
                           quoted=quoted(answered) if answered else None,
                           draft_of=draft_of or (("reply", parent.id) if parent else ("comment", proposal.id)),
                           back_url=back_url(proposal, parent)), 422


def _reply_refused(form, proposal, parent_id, message, answered=None):
    """A reply that cannot be attached (the comment answered was deleted, hidden or held back while
    it was being written…): its text comes back in the form of a new comment on the proposal, to
    publish as it is or changed, below the comment answered when the person still sees it. The
    form keeps the reply's draft key: once it is published, the browser forgets that draft."""
    form.parent_id.data = ""
    return _form_page(form, proposal, message=message, answered=answered, draft_of=("reply", parent_id))


@bp.post("/proposals/<int:id>/comments")
@limit_posts
@login_required
def create(id):
    proposal = _visible_proposal(id)
    now = utcnow()
    refusal = permissions.comment_refusal(current_user, proposal, now)
    if refusal:  # refused since the form was shown (a phase closed, a verification withdrawn…): said as on its page
        return render_error(403, comment_refusal_message(refusal), back=proposal_url(proposal))
    form = CommentForm()
    parent = None
    parent_id = bounded_int(form.parent_id.data)  # anything else is refused by the form
    if parent_id is not None:
        try:
            parent = find_parent(proposal, parent_id, current_user)
        except LookupError:  # also a comment held back from this person: nothing of it is shown
            return _reply_refused(form, proposal, parent_id, _("The comment you answered is no longer available."))
        except ThreadError as err:
            if str(err) == "depth":
                message = _("Replies nest up to %(depth)s levels: this comment cannot receive a reply. "
                            "Reply to the comment above it instead.", depth=MAX_DEPTH)
            else:
                message = _("This comment can no longer receive replies.")
            return _reply_refused(form, proposal, parent_id, message, err.parent)
    if not form.validate():
        return _form_page(form, proposal, parent)
    comment = post_comment(proposal, current_user, form.body.data, stance=form.stance.data or None,
                           parent=parent, follow=form.follow.data, language=current_locale())
    landing = proposal_url(proposal, comment)
    if comment.edited_at:  # sent again with another stance: the comment just posted is corrected
        _updated(landing, comment)
    elif comment.status == "published":
        answered = parent is not None and parent.author_id != current_user.id
        flash_at(landing, _("Your reply is published. The person you answered is told.") if answered
                 else _("Your comment is published."))
    else:
        flash_at(landing, _("Your comment will appear once a moderator has approved it. "
                            "Until then, only you can see it."), "info")
    return redirect(landing)


@bp.route("/comments/<int:id>/edit", methods=["GET", "POST"])
@limit_posts
@login_required
def edit(id):
    comment = _visible_comment(id)
    now = utcnow()
    refusal = permissions.edit_comment_refusal(current_user, comment, now)
    if refusal:  # often its ten minutes ended while the author wrote: said, with the text given back
        return render_error(403, edit_comment_refusal_message(refusal), back=back_url(comment.proposal, comment))
    form = EditCommentForm(obj=comment if not _posted() else None)
    if not _posted() and comment.stance is None:
        form.stance.data = ""
    if form.validate_on_submit():
        # A reply's form has no stance (one given through the API is kept)
        stance = comment.stance if comment.parent_id else form.stance.data or None
        try:
            edit_comment(current_user, comment, form.body.data, stance, now)
        except NotEditable:  # hidden or deleted while the author wrote: the text is given back
            return render_error(403, _("This comment can no longer be edited."))
        landing = proposal_url(comment.proposal, comment)
        _updated(landing, comment)
        return redirect(landing)
    status = 422 if _posted() else 200
    return render_template("comments/edit.html", form=form, comment=comment, proposal=comment.proposal,
                           back_url=back_url(comment.proposal, comment)), status


def _updated(landing, comment):
    """Tell the author, where their changed comment is shown, what became of it."""
    if comment.status == "published":
        flash_at(landing, _("Your comment is updated."))
    else:
        flash_at(landing, _("Your comment is updated and will appear once a moderator has approved it."), "info")


@bp.route("/comments/<int:id>/delete", methods=["GET", "POST"])
@login_required
def delete(id):
    comment = _visible_comment(id)
    permissions.require(permissions.can_delete_comment(current_user, comment))
    form = DeleteCommentForm()
    if form.validate_on_submit():
        delete_comment(comment, utcnow())
        landing = proposal_url(comment.proposal, comment)
        flash_at(landing, _("Your comment is deleted. Its replies stay in the thread."))
        return redirect(landing)
    status = 422 if _posted() else 200
    return render_template("comments/delete.html", form=form, comment=comment, quoted=quoted(comment),
                           proposal=comment.proposal, back_url=back_url(comment.proposal, comment)), status


def _posted():
    return request.method == "POST"
