"""Back office for consultations: territory admins create and run them under /admin/."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import ActionForm
from ..core.errors import form_status, render_error
from ..database import utcnow
from ..extensions import db
from ..permissions import can_create_consultation, can_delete_consultation, can_edit_consultation, require
from ..territories.access import territory_or_404
from ..uploads import ImageError, ask_again, thumbnail_path
from . import figures, listing, services
from .access import consultation_to_manage
from .forms import ConsultationForm, StatusForm
from .labels import STATUS_LABELS
from .models import Consultation

admin_bp = Blueprint("consultations_admin", __name__, url_prefix="/admin")


@admin_bp.get("/territories/<slug>/consultations")
@login_required
def index(slug):
    territory = territory_or_404(slug, can_create_consultation)
    consultations = db.session.scalars(
        listing.listing_query(statuses=("draft", "published", "archived"))
        .where(Consultation.territory_id == territory.id)
    ).all()
    now = utcnow()
    return render_template("consultations/admin/index.html", territory=territory,
                           consultations=consultations, status_labels=STATUS_LABELS,
                           timelines={c.id: listing.timeline(c, now) for c in consultations},
                           counts=figures.counts([c.id for c in consultations],
                                                 kinds=("proposals", "votes", "counted_votes", "pending")))


def _save(form, consultation, facts=None):
    """Apply the validated form and the cover upload; an image refused becomes an error next to its field."""
    if form.cover.data:
        try:
            services.save_cover(consultation, form.cover.data)
        except ImageError as error:
            form.cover.errors.append(str(error))
            return False
    elif form.remove_cover.data and consultation.cover_path:
        services.remove_cover(consultation)
    services.update_consultation(consultation, form.values(), facts, form.removal_confirmed())
    return True


@admin_bp.route("/territories/<slug>/consultations/new", methods=["GET", "POST"])
@login_required
def create(slug):
    territory = territory_or_404(slug, can_create_consultation)
    form = ConsultationForm()
    if form.validate_on_submit():
        consultation = services.create_consultation(territory, current_user)
        if _save(form, consultation):
            flash(_("The consultation is saved as a draft. Check its public preview, then publish it."),
                  "success")
            return redirect(url_for(".edit", consultation_id=consultation.id))
    return _form_page(form, territory, None)


@admin_bp.route("/consultations/<int:consultation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(consultation_id):
    consultation = listing.get_with_details(consultation_id)
    if consultation is None:
        abort(404)
    require(can_edit_consultation(current_user, consultation))
    facts = figures.edit_facts(consultation)
    form = ConsultationForm(data=None if request.method == "POST" else services.form_data(consultation),
                            consultation=consultation, facts=facts)
    if form.validate_on_submit() and _save(form, consultation, facts):
        flash(_("Your changes are saved."), "success")
        return redirect(url_for(".edit", consultation_id=consultation.id))
    return _form_page(form, consultation.territory, consultation)


def _form_page(form, territory, consultation):
    """The consultation's form (a new one: `consultation` None), as it was sent when refused."""
    ask_again(form.cover)
    return render_template("consultations/admin/form.html", form=form, territory=territory,
                           consultation=consultation, thumbnail_path=thumbnail_path), form_status()


# The status actions that close participation or hide the consultation: confirmed first.
CONFIRMATIONS = ("archive", "draft")


@admin_bp.post("/consultations/<int:consultation_id>/status")
@login_required
def status(consultation_id):
    """Publish at once; archive or return to draft once confirmed: without `confirm`, the page
    says what will happen and what is at stake (proposals, votes, comments)."""
    consultation = consultation_to_manage(consultation_id)
    form = StatusForm()
    back = form.back.data if form.back.data in ("list", "page") else ""
    back_url = {"list": url_for(".index", slug=consultation.territory.slug),
                "page": url_for("consultations.show", consultation_id=consultation.id)}.get(
        back, url_for(".edit", consultation_id=consultation.id))
    if not form.validate_on_submit():
        flash(_("This action is not available."), "error")
        return redirect(url_for(".edit", consultation_id=consultation.id), 303)
    action = form.action.data
    refusal = services.status_refusal(consultation, action)
    if refusal:
        flash(refusal, "error")
        return redirect(url_for(".edit", consultation_id=consultation.id), 303)
    if action in CONFIRMATIONS and form.confirm.data != "1" and services.STATUS_OF[action] != consultation.status:
        stakes = figures.counts([consultation.id], kinds=("proposals", "votes", "comments"))[consultation.id]
        return render_template("consultations/admin/confirm_status.html", consultation=consultation,
                               territory=consultation.territory, action=action, stakes=stakes, back=back,
                               back_url=back_url)
    services.change_status(consultation, action, actor=current_user)
    messages = {
        "publish": _("The consultation is published: everyone can now see it."),
        "archive": _("The consultation is archived: it stays visible, marked as archived."),
        "draft": _("The consultation is back to draft: only your territory's staff can see it."),
    }
    flash(messages[action], "success")
    return redirect(back_url, 303)


@admin_bp.route("/consultations/<int:consultation_id>/delete", methods=["GET", "POST"])
@login_required
def delete(consultation_id):
    """Delete a draft that was never published, once confirmed (a test, a false start)."""
    consultation = consultation_to_manage(consultation_id)
    if not can_delete_consultation(current_user, consultation):
        return render_error(409, _("Only a draft that was never published can be deleted. A consultation that "
                                   "was published keeps its history: archive it, or put it back to draft."),
                            back=url_for(".edit", consultation_id=consultation.id))
    form = ActionForm()
    if form.validate_on_submit():
        territory = consultation.territory
        title = consultation.text("title")
        services.delete_consultation(consultation)
        flash(_("The draft “%(title)s” is deleted.", title=title), "success")
        return redirect(url_for(".index", slug=territory.slug), 303)
    return render_template("consultations/admin/confirm_delete.html", consultation=consultation,
                           territory=consultation.territory, form=form)


def confirmed_deletion(delete, done, back):
    """A deletion asked from a back-office list (its form carries the CSRF token): done and said,
    or refused; then `back` (a response)."""
    if ActionForm().validate_on_submit():
        delete()
        flash(done, "success")
    else:
        flash(_("This action is not available."), "error")
    return back


from . import news_views  # noqa: E402,F401  (the news' routes join admin_bp)
from . import documents_views  # noqa: E402,F401  (the documents' routes too)
