"""The documents of a consultation (the consultation file, a study, the council's decision):
attached by its territory's admins, listed on its page, downloaded by everyone who may read it."""
from flask import url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional

from ..extensions import db
from ..i18n import bilingual
from ..mail import absolute
from ..uploads import discard_after_commit
from ..uploads.documents import DOCUMENT_HINT, FORMAT_NAMES, input_attributes, read_document, save_document
from .models import ConsultationDocument

TITLE_LENGTH = 200
MAX_DOCUMENTS = 30  # per consultation: a list people can still read


class DocumentForm(FlaskForm):
    title_fr = StringField(_l("Title in French"), description=_l("What it is, e.g. “The consultation file”."),
                           validators=[DataRequired(message=_l("The French text is required.")),
                                       Length(max=TITLE_LENGTH)], render_kw={"lang": "fr"})
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=TITLE_LENGTH)],
                           render_kw={"lang": "en"})
    file = FileField(_l("File"), description=DOCUMENT_HINT, render_kw=input_attributes(),
                     validators=[FileRequired(message=_l("Choose the file to attach."))])


class DocumentEditForm(DocumentForm):
    """Its titles, and a new file in place of the old one if one is chosen."""

    file = FileField(_l("Replace the file (optional)"), description=DOCUMENT_HINT, render_kw=input_attributes())

    @classmethod
    def of(cls, document):
        return cls(data={"title_fr": document.title.get("fr", ""), "title_en": document.title.get("en", "")})


class TooManyDocuments(ValueError):
    pass


def add_document(consultation, author, form):
    """Attach the form's file (DocumentError: not a document; TooManyDocuments)."""
    if count(consultation.id) >= MAX_DOCUMENTS:
        raise TooManyDocuments(_("A consultation has %(num)s documents at most: delete one first.",
                                 num=MAX_DOCUMENTS))
    data, fmt = read_document(form.file.data)
    document = ConsultationDocument(consultation=consultation, author_id=author.id,
                                    title=bilingual(form.title_fr.data, form.title_en.data),
                                    file_path=save_document(data, fmt), file_format=fmt, size=len(data))
    db.session.add(document)
    return document


def edit_document(document, form):
    """New titles; a new file replaces the old one (DocumentError: not a document), which goes
    once the change is committed."""
    if form.file.data:
        data, fmt = read_document(form.file.data)
        discard_after_commit(document.file_path)
        document.file_path, document.file_format, document.size = save_document(data, fmt), fmt, len(data)
    document.title = bilingual(form.title_fr.data, form.title_en.data)
    return document


def delete_document(document):
    discard_after_commit(document.file_path)
    db.session.delete(document)


def documents_of(consultation_id):
    """In the order they were attached: the first is usually the consultation file."""
    return db.session.scalars(db.select(ConsultationDocument).where(
        ConsultationDocument.consultation_id == consultation_id).order_by(ConsultationDocument.id)).all()


def count(consultation_id):
    return db.session.scalar(db.select(db.func.count(ConsultationDocument.id)).where(
        ConsultationDocument.consultation_id == consultation_id))


def document_or_404(document_id):
    return db.get_or_404(ConsultationDocument, document_id)


def size_text(size):
    """"240 kB", "2.4 MB" in the reader's language."""
    if size < 1024 * 1024:
        return _("%(size)s kB", size=format_decimal(max(1, round(size / 1024))))
    return _("%(size)s MB", size=format_decimal(round(size / 1024 / 1024, 1)))


def address(document):
    """Where anyone may download it, in full (for the API and the open data)."""
    return absolute(url_for("consultations.document", id=document.consultation_id, document_id=document.id))


def describe(document):
    """What a link to it says after its title: "PDF, 2.4 MB"."""
    return _("%(format)s, %(size)s", format=FORMAT_NAMES[document.file_format], size=size_text(document.size))
