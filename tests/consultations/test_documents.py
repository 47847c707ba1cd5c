"""The documents of a consultation: attached by its territory's admins (PDF, OpenDocument), listed
on its page, downloaded by whoever may read it."""
import io
import zipfile
from io import BytesIO

import pytest

from consult.consultations.models import ConsultationDocument
from consult.demo.pdf import simple_pdf
from consult.extensions import db

from ..helpers import field_hint, stored_files

ODT = "application/vnd.oasis.opendocument.text"


def odf(mimetype=ODT):
    """An OpenDocument archive: its mimetype first, stored uncompressed, as the format asks."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>", compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def flagged(data, flag):
    """The archive with a flag set on its first member (0x1: encrypted; 0x20, 0x40: kinds of
    compression the zipfile module cannot read), in its header and in the directory."""
    data = bytearray(data)
    data[6] |= flag
    data[data.index(b"PK\x01\x02") + 8] |= flag
    return bytes(data)


def attach(client, consultation, data, name="dossier.pdf", language="fr", **over):
    fields = {"title_fr": "Dossier de concertation", "title_en": "Consultation file",
              "file": (BytesIO(data), name), **over}
    return client.post(f"/admin/consultations/{consultation.id}/documents", data=fields,
                       headers={"Accept-Language": language}, content_type="multipart/form-data")


def fetch(client, url):
    """A download, read whole and closed (its file with it)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def documents():
    db.session.expire_all()
    return db.session.scalars(db.select(ConsultationDocument).order_by(ConsultationDocument.id)).all()


@pytest.fixture
def consultation(make, territory):
    return make.consultation(territory, title={"fr": "Budget participatif", "en": "Participatory budget"})


def test_the_admins_attach_documents_that_everyone_downloads(app, client, login, territory_admin, consultation):
    pdf = simple_pdf("Dossier de concertation", ["Objectif : 60 % de produits locaux."])
    login(territory_admin)
    response = attach(client, consultation, pdf)
    assert response.status_code == 303
    page = client.get(response.headers["Location"], headers={"Accept-Language": "fr"}).text
    assert "Le document «\u00a0Dossier de concertation\u00a0» est joint" in page
    assert attach(client, consultation, odf(), name="etude.odt", title_fr="Étude", title_en="").status_code == 303
    pdf_doc, odt_doc = documents()
    assert (pdf_doc.file_format, pdf_doc.size, odt_doc.file_format) == ("pdf", len(pdf), "odt")
    assert stored_files(app) == sorted([pdf_doc.file_path, odt_doc.file_path])

    with client.session_transaction() as session:
        session.clear()  # a visitor now
    french = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "fr"}).text
    assert "<h2 id=\"documents-heading\">Documents</h2>" in french
    assert "Dossier de concertation</span>" in french and "(PDF, 1\u00a0ko)</span></a>" in french  # in the link
    english = client.get(f"/consultations/{consultation.id}", headers={"Accept-Language": "en"}).text
    assert "<span>Consultation file</span>" in english and "(PDF, 1 kB)" in english
    assert '<span lang="fr">Étude</span>' in english  # no English title: read in French, and marked so

    download = fetch(client, f"/consultations/{consultation.id}/documents/{pdf_doc.id}")
    assert download.status_code == 200 and download.data == pdf
    assert download.mimetype == "application/pdf" and download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("inline")  # read in the browser
    assert "object-src 'self'" in download.headers["Content-Security-Policy"]  # the browser's PDF viewer may run
    assert download.headers["Cache-Control"] == "public, max-age=300"
    saved = fetch(client, f"/consultations/{consultation.id}/documents/{odt_doc.id}")
    assert saved.mimetype == ODT and saved.headers["Content-Disposition"] == "attachment; filename=Etude.odt; " \
                                                                            "filename*=UTF-8''%C3%89tude.odt"
    # Not at the uploads' address, nor under another consultation's
    for detour in ("", "./", "logos/../"):
        assert client.get(f"/uploads/{detour}{pdf_doc.file_path}").status_code == 404
    assert client.get(f"/consultations/{consultation.id + 1}/documents/{pdf_doc.id}").status_code == 404

    api = client.get(f"/api/v1/consultations/{consultation.id}/documents", headers={"Accept-Language": "en"})
    assert [(d["title"], d["format"], d["size"]) for d in api.get_json()] == [
        ("Consultation file", "pdf", len(pdf)), ("Étude", "odt", len(odf()))]
    assert api.get_json()[0]["url"].endswith(f"/consultations/{consultation.id}/documents/{pdf_doc.id}")


@pytest.mark.parametrize("data, name, message", [
    (b"", "vide.pdf", "Le fichier est vide."),
    (b"MZ\x90\x00 not a document", "dossier.pdf", "Ce fichier n’est ni un PDF ni un fichier OpenDocument"),
    (b"<html><script>alert(1)</script>", "page.pdf", "Ce fichier n’est ni un PDF ni un fichier OpenDocument"),
    (odf("application/zip"), "archive.odt", "Ce fichier n’est ni un PDF ni un fichier OpenDocument"),
    (odf()[:60] + b"<html><script>alert(1)</script>", "faux.odt", "Ce fichier n’est ni un PDF ni un fichier"),
    *((flagged(odf(), flag), "chiffre.odt", "Ce fichier n’est ni un PDF ni un fichier") for flag in (0x1, 0x20, 0x40)),
])
def test_what_is_no_document_is_refused_next_to_its_field(app, client, login, territory_admin, consultation,
                                                          data, name, message):
    login(territory_admin)
    response = attach(client, consultation, data, name=name)
    assert response.status_code == 422
    assert message in response.text
    assert 'value="Dossier de concertation"' in response.text  # the title typed stays
    assert documents() == [] and stored_files(app) == []


def test_a_document_over_10_mb_is_refused(app):
    from consult.uploads.documents import DocumentError, read_document

    with app.test_request_context(headers={"Accept-Language": "fr"}), pytest.raises(DocumentError) as refused:
        read_document(BytesIO(b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"%%EOF"))
    assert str(refused.value) == "Le fichier est trop lourd\u00a0: 10 Mo au plus."


def test_a_title_in_french_and_a_file_are_required(client, login, territory_admin, consultation):
    login(territory_admin)
    response = client.post(f"/admin/consultations/{consultation.id}/documents", data={"title_fr": ""},
                           headers={"Accept-Language": "fr"})
    assert response.status_code == 422
    assert "Le texte en français est obligatoire." in response.text
    assert "Choisissez le fichier à joindre." in response.text


def test_a_file_chosen_is_asked_again_when_the_document_is_refused(app, client, login, territory_admin,
                                                                   consultation):
    login(territory_admin)
    refused = attach(client, consultation, simple_pdf("Dossier", []), title_fr="", language="en")
    assert refused.status_code == 422 and 'id="file-error"' not in refused.text
    assert "Your file “dossier.pdf” is a valid document, but it is not kept" in field_hint(refused.text, "file")
    not_a_document = attach(client, consultation, b"<html>", title_fr="")
    assert "Ce fichier n’est ni un PDF ni un fichier OpenDocument" in not_a_document.text
    assert "Le texte en français est obligatoire." in not_a_document.text
    assert documents() == [] and stored_files(app) == []

    attach(client, consultation, simple_pdf("Dossier", []))
    [document] = documents()
    kept = stored_files(app)
    edited = client.post(f"/admin/documents/{document.id}/edit", content_type="multipart/form-data",
                         data={"title_fr": "", "file": (BytesIO(odf()), "etude.odt")})
    assert edited.status_code == 422
    assert "Your file “etude.odt” is a valid document" in field_hint(edited.text, "file")
    assert documents()[0].file_format == "pdf" and stored_files(app) == kept


def test_deleting_a_document_deletes_its_file(app, client, login, territory_admin, consultation):
    login(territory_admin)
    attach(client, consultation, simple_pdf("Dossier", []))
    [document] = documents()
    assert client.post(f"/admin/documents/{document.id}/delete").status_code == 303
    assert documents() == [] and stored_files(app) == []
    assert "documents-heading" not in client.get(f"/consultations/{consultation.id}").text  # no empty section


def test_a_draft_consultation_s_documents_are_its_staff_s_only(client, login, make, territory, territory_admin):
    draft = make.consultation(territory, status="draft")
    login(territory_admin)
    attach(client, draft, simple_pdf("Dossier", []))
    [document] = documents()
    preview = fetch(client, f"/consultations/{draft.id}/documents/{document.id}")
    assert preview.status_code == 200 and preview.headers["Cache-Control"] == "max-age=300, private"
    login(make.user())
    assert client.get(f"/consultations/{draft.id}/documents/{document.id}").status_code == 404
    assert client.get(f"/api/v1/consultations/{draft.id}/documents").status_code == 404


def test_deleting_a_draft_consultation_deletes_its_documents(app, client, login, make, territory, territory_admin):
    draft = make.consultation(territory, status="draft", published_at=None)
    login(territory_admin)
    attach(client, draft, simple_pdf("Dossier", []))
    assert client.post(f"/admin/consultations/{draft.id}/delete").status_code == 303
    assert documents() == [] and stored_files(app) == []


def test_a_consultation_has_thirty_documents_at_most(app, client, login, make, territory_admin, consultation):
    from consult.consultations.documents import MAX_DOCUMENTS

    for n in range(MAX_DOCUMENTS):
        db.session.add(ConsultationDocument(consultation=consultation, title={"fr": f"Doc {n}"},
                                            file_path=f"documents/{n}.pdf", file_format="pdf", size=10))
    db.session.commit()
    login(territory_admin)
    response = attach(client, consultation, simple_pdf("Un de trop", []))
    assert response.status_code == 422
    assert "Une consultation a 30 documents au plus" in response.text
    assert len(documents()) == MAX_DOCUMENTS and stored_files(app) == []


def test_a_document_is_corrected_or_replaced_by_a_new_version(app, client, login, territory_admin, consultation):
    login(territory_admin)
    attach(client, consultation, simple_pdf("Dossier", []))
    [document] = documents()
    old_path = document.file_path
    form = client.get(f"/admin/documents/{document.id}/edit", headers={"Accept-Language": "fr"}).text
    assert 'value="Dossier de concertation"' in form and "Le fichier actuel\u00a0: PDF, 1\u00a0ko." in form
    # A title corrected, the file kept
    assert client.post(f"/admin/documents/{document.id}/edit",
                       data={"title_fr": "Dossier de concertation (version 2)", "title_en": ""}).status_code == 303
    [document] = documents()
    assert document.title == {"fr": "Dossier de concertation (version 2)"} and document.file_path == old_path
    # What is no document is refused, and nothing changes
    refused = client.post(f"/admin/documents/{document.id}/edit", headers={"Accept-Language": "fr"},
                          data={"title_fr": "Autre titre", "file": (BytesIO(b"<html>"), "x.pdf")},
                          content_type="multipart/form-data")
    assert refused.status_code == 422 and "Ce fichier n’est ni un PDF" in refused.text
    assert 'value="Autre titre"' in refused.text
    assert documents()[0].title == {"fr": "Dossier de concertation (version 2)"} and stored_files(app) == [old_path]
    # A new version replaces the file, which goes
    assert client.post(f"/admin/documents/{document.id}/edit", data={
        "title_fr": "Étude", "file": (BytesIO(odf()), "etude.odt")}, content_type="multipart/form-data").status_code == 303
    [document] = documents()
    assert (document.file_format, document.size) == ("odt", len(odf()))
    assert stored_files(app) == [document.file_path] and document.file_path != old_path
