"""Documents a territory's admins attach to a consultation: the consultation file, a study, the
council's decision. PDF and the OpenDocument formats only (those the French administration's
interoperability framework, the RGI, asks public bodies to publish in), recognised by their
content, not by their name; stored as they are (unlike images, which are re-encoded) under
UPLOAD_FOLDER/documents/<uuid>.<ext>, following the transaction like images (lifecycle.py)."""
import io
import os
import uuid
import zipfile

from flask import current_app
from flask_babel import lazy_gettext as _l

from . import UploadError, read_upload
from .lifecycle import written

MAX_BYTES = 10 * 1024 * 1024  # within the request's limit (MAX_CONTENT_LENGTH)
MAX_MB = MAX_BYTES // 2 ** 20
SUBFOLDER = "documents"
# The ODF mimetype stored first in the archive → extension; PDF is recognised by its header.
ODF_TYPES = {b"application/vnd.oasis.opendocument.text": "odt",
             b"application/vnd.oasis.opendocument.spreadsheet": "ods",
             b"application/vnd.oasis.opendocument.presentation": "odp"}
MIME_TYPES = {"pdf": "application/pdf", **{ext: mime.decode() for mime, ext in ODF_TYPES.items()}}
FORMAT_NAMES = {"pdf": "PDF", "odt": "ODT", "ods": "ODS", "odp": "ODP"}
ACCEPT = ",".join([".pdf", ".odt", ".ods", ".odp", *MIME_TYPES.values()])
DOCUMENT_HINT = _l("PDF, or OpenDocument (ODT, ODS, ODP), %(size)s MB at most.", size=MAX_MB)


TOO_LARGE = _l("The file is too large: %(size)s MB at most.", size=MAX_MB)
# Under the file field of a form refused for another field's error (uploads.ask_again).
CHOOSE_DOCUMENT_AGAIN = _l("Your file “%(name)s” is a valid document, but it is not kept while other fields "
                           "have errors: please choose it again.")


class DocumentError(UploadError):
    """The file is not an acceptable document."""


def input_attributes():
    """The file input's attributes: the types offered, and the size limit consult.js checks."""
    return {"accept": ACCEPT, "data-max-bytes": MAX_BYTES, "data-too-large": TOO_LARGE}


def document_format(data):
    """'pdf', 'odt', 'ods' or 'odp' from the file's content; None for anything else."""
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]:
        return "pdf"
    return _odf_format(data) if data.startswith(b"PK\x03\x04") else None


def _odf_format(data):
    """An OpenDocument file is a zip archive whose first member is its "mimetype", stored
    uncompressed, with its content and manifest; only the archive's directory is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            first = members[0] if members else None
            if (first is None or first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED
                    or not {"content.xml", "META-INF/manifest.xml"} <= names):
                return None
            return ODF_TYPES.get(archive.read(first))
    # an encrypted member is a RuntimeError, a compression zipfile does not know a NotImplementedError
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError):
        return None


def read_document(file_storage):
    """(the file's bytes, its format), or DocumentError with the reason."""
    data = read_upload(file_storage, MAX_BYTES, TOO_LARGE, DocumentError)
    fmt = document_format(data)
    if fmt is None:
        raise DocumentError(_l("This file is neither a PDF nor an OpenDocument file (ODT, ODS, ODP)."))
    return data, fmt


def save_document(data, fmt):
    """Store a document read by read_document; its path relative to UPLOAD_FOLDER (deleted again
    unless the current transaction commits)."""
    folder = os.path.join(current_app.config["UPLOAD_FOLDER"], SUBFOLDER)
    os.makedirs(folder, exist_ok=True)
    name = f"{uuid.uuid4().hex}.{fmt}"
    relative = f"{SUBFOLDER}/{name}"
    written(relative)
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)
    return relative


def download_name(title, fmt):
    """The name a download is saved under: its title, without what file systems refuse."""
    cleaned = "".join(c for c in title if c.isprintable() and c not in '\\/:*?"<>|').strip(" .")
    return f"{cleaned[:100] or 'document'}.{fmt}"
