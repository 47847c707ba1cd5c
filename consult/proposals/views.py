"""Views of the proposals blueprint: listing, posting (with a preview), showing, editing,
withdrawing and answering officially."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from .. import permissions as can
from ..consultations.models import Consultation
from ..consultations.listing import get_with_details
from ..database import utcnow
from ..core.ratelimits import limit_posts
from ..extensions import db
from ..i18n import current_locale
from ..pagecache import personal as pagecache
from ..permissions import require
from . import bp, services
from ..auth.forms import ActionForm
from ..core.errors import render_error
from ..core.urls import page_arg
from .forms import AnswerForm, ProposalForm
from .images import carry_upload, store_image
from .refusals import (NOT_ANSWERABLE, author_hint, edit_refusal_message, refusal_message,
                       withdraw_refusal_message)
from .listing import ANSWER_LABELS, STATUS_LABELS, listing_context, my_votes_for
from .models import Proposal, ProposalAnswer
from .similarity import similar_proposals


def _consultation_or_404(id):
    consultation = get_with_details(id) or abort(404)
    require(can.can_view_consultation(current_user, consultation), 404)
    return consultation


def _proposal_or_404(id):
    proposal = db.session.scalars(
        db.select(Proposal).where(Proposal.id == id).options(
            joinedload(Proposal.author), joinedload(Proposal.category),
            joinedload(Proposal.consultation).joinedload(Consultation.territory),
            selectinload(Proposal.answers).options(joinedload(ProposalAnswer.author),
                                                   joinedload(ProposalAnswer.document)),
        )
    ).unique().first()
    if proposal is None or not can.can_view_consultation(current_user, proposal.consultation):
        abort(404)
    return proposal


def image_url(path):
    return url_for("pages.upload", path=path) if path else None


def consultation_url(consultation):
    return url_for("consultations.show", consultation_id=consultation.id)


def _sign_in_first():
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _form_data(form):
    """What the valid form gives the proposal about to be saved (its image is stored now)."""
    return {
        "title": form.title.data,
        "body": form.body.data,
        "category_id": form.category_id(),
        "address": form.address.data,
        "latitude": form.latitude.data,
        "longitude": form.longitude.data,
        "image_path": store_image(form),
        "remove_image": "remove_image" in form and form.remove_image.data,
    }


# --- listing ------------------------------------------------------------------------------

@bp.get("/consultations/<int:id>/proposals")
def index(id):
    consultation = _consultation_or_404(id)
    context = listing_context(consultation, current_user, request.args)
    pagecache.remember(consultation)
    return render_template("proposals/index.html", consultation=consultation,
                           consultation_url=consultation_url(consultation), **context)


# --- posting -----------------------------------------------------------------------------

@bp.route("/consultations/<int:id>/proposals/new", methods=["GET", "POST"])
@limit_posts
def create(id):
    consultation = _consultation_or_404(id)
    if not current_user.is_authenticated:
        return _sign_in_first()
    now = utcnow()
    form = ProposalForm(consultation)
    action = request.form.get("action", "preview")
    corrected = None
    if request.method == "POST" and action == "publish":
        repeated, corrects = _repeat_of(consultation, form, now)
        if repeated and not corrects:  # the second click of a double click: the page the first one led to
            return _published(repeated)
        corrected = repeated
    if corrected is None:  # a correction is no new proposal: the limit per person does not count it
        count = services.proposals_count(current_user, consultation, posting=request.method == "POST")
        refusal = can.propose_refusal(current_user, consultation, now, count)
        if refusal:
            return render_error(403, refusal_message(refusal, consultation))
    if request.method == "GET" or action == "edit":
        return render_template("proposals/create.html", form=form, consultation=consultation, step="write")
    valid = form.validate_on_submit()
    if not (carry_upload(form) and valid):
        return render_template("proposals/create.html", form=form, consultation=consultation,
                               step="write"), 422
    if action != "publish":
        similar = similar_proposals(consultation, form.title.data, form.body.data)
        return render_template("proposals/create.html", form=form, consultation=consultation,
                               step="preview", similar=similar, image_url=form.image_data.data or None)
    if corrected:
        return _saved(corrected, form)
    proposal = services.submit_proposal(consultation, current_user, _form_data(form), language=current_locale())
    return _published(proposal)


def _repeat_of(consultation, form, now):
    """The proposal that a Publish repeats, when this person posted its title and text moments ago
    (services.repeated_proposal), and whether the Publish corrects it: (proposal, False) when it
    chooses the same category and place (a double click); (proposal, True) when it chooses others
    and the proposal may still be edited (the person went back to fix them); (None, False)
    otherwise: the Publish posts a proposal of its own."""
    repeated = services.repeated_proposal(consultation, current_user, form.title.data, form.body.data, now)
    if repeated is None or services.same_choices(repeated, form.category.data, form.address.data,
                                                 form.latitude.data, form.longitude.data):
        return repeated, False
    if can.edit_proposal_refusal(current_user, repeated, now):
        return None, False
    return repeated, True


def _published(proposal):
    """The proposal the person just posted, with the message that says where it stands."""
    pagecache.after_own_change()
    flash(services.published_message(proposal), "success")
    return redirect(url_for("proposals.show", id=proposal.id))


@bp.get("/consultations/<int:id>/proposals/similar")
def similar(id):
    consultation = _consultation_or_404(id)
    title = request.args.get("title", "")[:300]
    body = request.args.get("body", "")[:2000]
    found = similar_proposals(consultation, title, body) if len(title.strip()) >= 3 else []
    return render_template("proposals/_similar.html", similar=found, consultation=consultation,
                           searched=bool(title.strip()))


# --- one proposal ------------------------------------------------------------------------

def _author_actions(user, proposal, now):
    """The buttons the author is offered (edit, withdraw) and, where one is not, why."""
    edit_refusal = can.edit_proposal_refusal(user, proposal, now)
    withdraw_refusal = can.withdraw_proposal_refusal(user, proposal, now)
    return {"may_edit": edit_refusal is None, "may_withdraw": withdraw_refusal is None,
            "author_hint": author_hint(edit_refusal, withdraw_refusal)}


def _show_context(proposal, answer_form=None):
    now = utcnow()
    user = current_user._get_current_object()  # not the proxy: a page of the debate asks about it 300 times
    may_view = can.can_view_proposal(user, proposal)
    context = {
        "proposal": proposal,
        "consultation": proposal.consultation,
        "consultation_url": consultation_url(proposal.consultation),
        "may_view": may_view,
        "answer_labels": ANSWER_LABELS,
        "status_labels": STATUS_LABELS,
        "image_url": image_url(proposal.image_path) if may_view else None,
        "hidden_reason": None,
        "my_vote": my_votes_for(user, [proposal.id]).get(proposal.id),
        "answer_form": None,
        "action_form": ActionForm(formdata=None),
        **_author_actions(user, proposal, now),
        "moderation": can.moderation_offer(user, proposal, proposal.consultation.territory_id),
        "comments_ready": False,
    }
    if can.can_answer_proposal(user, proposal):
        context["answer_form"] = answer_form or AnswerForm.starting_from(proposal)
        context["answer_public"] = can.can_view_proposal(None, proposal)  # not while its consultation is a draft
    from ..moderation.meanwhile import shown_without_reports
    from ..moderation.services import hidden_reasons, reported_ids

    context["reported_ids"] = reported_ids(user, "proposal", [proposal.id])
    if context["moderation"] == "review":  # what its approval from this page has seen
        context["review"] = shown_without_reports("proposal", proposal.id, proposal.consultation.territory_id)
    if proposal.status in ("hidden", "rejected"):

        context["hidden_reason"] = hidden_reasons("proposal", [proposal.id]).get(proposal.id)
    if may_view and proposal.status in ("published", "withdrawn"):
        from ..comments.services import thread_context

        context.update(thread_context(proposal, user, now, page=page_arg()))
        context["comments_ready"] = True
    return context


@bp.get("/proposals/<int:id>")
def show(id):
    proposal = _proposal_or_404(id)
    if not can.can_view_proposal(current_user, proposal) and proposal.status != "hidden":
        abort(404)  # awaiting moderation or rejected: only its author and the moderators see it
    return render_template("proposals/show.html", **_show_context(proposal))


@bp.route("/proposals/<int:id>/edit", methods=["GET", "POST"])
@limit_posts
def edit(id):
    proposal = _proposal_or_404(id)
    if not current_user.is_authenticated:
        return _sign_in_first()
    refusal = can.edit_proposal_refusal(current_user, proposal, utcnow())
    if refusal:
        return render_error(403, edit_refusal_message(refusal))
    consultation = proposal.consultation
    if request.method == "GET":
        form = ProposalForm(consultation, obj=proposal, current_image=proposal.image_path)
        form.category.data = str(proposal.category_id or "")  # obj's `category` is the Category itself
    else:
        form = ProposalForm(consultation, current_image=proposal.image_path)
    if request.method == "POST":
        valid = form.validate_on_submit()
        if carry_upload(form) and valid:
            return _saved(proposal, form)
        return render_template("proposals/edit.html", form=form, proposal=proposal,
                               consultation=consultation), 422
    return render_template("proposals/edit.html", form=form, proposal=proposal, consultation=consultation)


def _saved(proposal, form):
    """The author's changes (a valid form) saved, and the proposal shown with what became of it."""
    try:  # refused by now: hidden by a moderator, or voted on, while the author wrote
        services.update_proposal(current_user, proposal, _form_data(form))
    except services.NotEditable as refused:
        return render_error(403, edit_refusal_message(refused.reason))
    pagecache.after_own_change()
    if proposal.status == "pending":
        flash(_("Your proposal is saved. It awaits moderation before it is shown again."), "warning")
    else:
        flash(_("Your proposal is updated."), "success")
    return redirect(url_for("proposals.show", id=proposal.id))


@bp.post("/proposals/<int:id>/withdraw")
def withdraw(id):
    proposal = _proposal_or_404(id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:  # a repeat (the author's second click) is answered as the first
        services.withdraw_proposal(current_user, proposal, utcnow())
    except services.NotWithdrawable as refused:
        return render_error(403, withdraw_refusal_message(refused.reason))
    pagecache.after_own_change()
    flash(_("Your proposal is withdrawn. It stays visible, marked as withdrawn, and can no longer be voted on."),
          "success")
    return redirect(url_for("proposals.show", id=proposal.id))


@bp.post("/proposals/<int:id>/answer")
@login_required
def answer(id):
    proposal = _proposal_or_404(id)
    refusal = can.answer_refusal(current_user, proposal)
    if refusal == "not_allowed":  # a proposal this person does not see is not found, as if it did not exist
        abort(403 if can.can_view_proposal(current_user, proposal) else 404)
    if refusal == "not_published":
        return render_error(409, NOT_ANSWERABLE)
    form = AnswerForm(proposal)
    if not form.validate_on_submit():
        return render_template("proposals/show.html", **_show_context(proposal, answer_form=form)), 422
    services.answer_proposal(proposal, current_user, form.state.data, form.text_fr.data, form.text_en.data or "",
                             form.document_id())
    if can.can_view_proposal(None, proposal):
        flash(_("The official answer is published. The author and the followers of this proposal are notified."),
              "success")
    else:  # its consultation is back to draft: they are told when it is published (events.answers_held)
        flash(_("The official answer is saved: the author and the followers of this proposal will be notified "
                "when the consultation is published."), "success")
    return redirect(url_for("proposals.show", id=proposal.id) + "#official-answer")
