"""Attaching documents to a consultation, in the back office (downloading them: views.py)."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import ActionForm
from ..core.errors import form_status
from ..i18n import localized
from ..uploads import ask_again
from ..uploads.documents import CHOOSE_DOCUMENT_AGAIN, DocumentError, read_document
from . import documents
from .access import consultation_to_manage, part_to_manage
from .admin_views import admin_bp, confirmed_deletion
from .models import ConsultationDocument


@admin_bp.route("/consultations/<int:consultation_id>/documents", methods=["GET", "POST"])
@login_required
def documents_index(consultation_id):
    """The consultation's documents, and the form that attaches one more."""
    consultation = consultation_to_manage(consultation_id)
    form = documents.DocumentForm()
    if form.validate_on_submit():
        try:
            document = documents.add_document(consultation, current_user, form)
        except DocumentError as error:
            form.file.errors.append(str(error))
        except documents.TooManyDocuments as error:
            form.form_errors.append(str(error))
        else:
            flash(_("The document “%(title)s” is attached: it is listed on the consultation's page.",
                    title=localized(document.title)), "success")
            return _documents_page(consultation)
    _ask_again(form)
    return render_template("consultations/admin/documents.html", consultation=consultation,
                           territory=consultation.territory, form=form, delete_form=ActionForm(),
                           items=documents.documents_of(consultation.id)), form_status()


def _ask_again(form):
    """A form refused: its file too is checked, or named to be chosen again."""
    ask_again(form.file, read_document, CHOOSE_DOCUMENT_AGAIN)


def _documents_page(consultation):
    return redirect(url_for(".documents_index", consultation_id=consultation.id), 303)


@admin_bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def document_edit(document_id):
    """Correct a document's titles, or replace its file with a new version."""
    document = part_to_manage(ConsultationDocument, document_id)
    consultation = document.consultation
    form = documents.DocumentEditForm() if request.method == "POST" else documents.DocumentEditForm.of(document)
    if form.validate_on_submit():
        try:
            documents.edit_document(document, form)
        except DocumentError as error:
            form.file.errors.append(str(error))
        else:
            flash(_("The document “%(title)s” is saved.", title=localized(document.title)), "success")
            return _documents_page(consultation)
    _ask_again(form)
    return render_template("consultations/admin/document_form.html", consultation=consultation,
                           territory=consultation.territory, form=form, document=document), form_status()


@admin_bp.post("/documents/<int:document_id>/delete")
@login_required
def document_delete(document_id):
    document = part_to_manage(ConsultationDocument, document_id)
    return confirmed_deletion(lambda: documents.delete_document(document), _("The document is deleted."),
                              _documents_page(document.consultation))
