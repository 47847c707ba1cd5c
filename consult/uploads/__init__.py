"""Image uploads shared by every domain: territory logos, consultation covers, proposal images.

`save_image` checks with Pillow that the file really is an image of an accepted format,
re-encodes it (which drops EXIF metadata, comments and anything appended to the file),
shrinks it to a maximum size and stores it under UPLOAD_FOLDER/<subfolder>/<uuid>.<ext>.
It returns the path relative to UPLOAD_FOLDER, to store in the database and to serve with
url_for('pages.upload', path=...), in the same transaction: the file is deleted again if that
transaction does not commit, and a replaced image is given to `discard_after_commit`
(uploads/lifecycle.py). A form with a preview carries its image until then in itself
(uploads/carry.py).
"""
import os
import re
import uuid
from io import BytesIO

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from .lifecycle import discard_after_commit, remove, written  # noqa: F401  (discard_after_commit: for the callers)

MAX_BYTES = 10 * 1024 * 1024  # a phone's photo; it is shrunk and re-encoded when saved
# Pixels decoded at most: a JPEG is decoded at a reduced scale when it is shrunk (draft), a
# lossless image (PNG, WebP, GIF) in full, four bytes a pixel: a small file may unpack into
# hundreds of MB, so it gets a lower limit.
MAX_PIXELS = 40_000_000
MAX_PIXELS_LOSSLESS = 16_000_000
FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MIME_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
# A JPEG with more images after the photo (MPF: a phone's depth or HDR gain map) opens as "MPO":
# it is a JPEG, whose first image, the photo, is the one kept.
_SAME_FORMAT = {"MPO": "JPEG"}
ACCEPT = ",".join(MIME_TYPES.values())
MAX_MB = MAX_BYTES // 2 ** 20
TOO_LARGE = _l("The image is too large: %(size)s MB at most.", size=MAX_MB)
# Under every image field: the formats accepted and the largest size.
IMAGE_HINT = _l("JPEG, PNG, GIF or WebP, %(size)s MB at most.", size=MAX_MB)
NOT_AN_IMAGE = _l("This file is not a valid image (PNG, JPEG, WebP or GIF).")
# Under the image field of a form refused for another field's error (ask_again).
CHOOSE_IMAGE_AGAIN = _l("Your file “%(name)s” is a valid image, but it is not kept while other fields have "
                        "errors: please choose it again.")
_SUBFOLDER = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*$")


class UploadError(ValueError):
    """The uploaded file is refused; str(error) is a translated message (read when shown)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message

    def __str__(self):
        return str(self.message)


class ImageError(UploadError):
    """The uploaded file is not an acceptable image."""


def input_attributes():
    """The file input's attributes (render_kw): accepted types, and the size limit that
    consult.js checks as soon as a file is chosen."""
    return {"accept": ACCEPT, "data-max-bytes": MAX_BYTES, "data-too-large": TOO_LARGE}


def read_upload(file_storage, max_bytes, too_large, error=UploadError):
    """The uploaded file's bytes, read up to `max_bytes`; `error` (with `too_large` over it) for
    an empty or too large one."""
    stream = getattr(file_storage, "stream", file_storage)
    data = stream.read(max_bytes + 1)
    if not data:
        raise error(_l("The file is empty."))
    if len(data) > max_bytes:
        raise error(too_large)
    return data


def _read(file_storage):
    return read_upload(file_storage, MAX_BYTES, TOO_LARGE, ImageError)


def _format(image):
    """The format an opened image is accepted, stored and served as: a key of FORMATS, or another."""
    return _SAME_FORMAT.get(image.format, image.format)


def _open(data, size=None):
    """Open and verify the image, then reopen it (verify() leaves the image unusable); a JPEG
    to be shrunk to `size` is decoded at the smallest scale still at least that large."""
    try:
        with Image.open(BytesIO(data)) as probe:
            fmt = _format(probe)
            if fmt not in FORMATS:
                raise ImageError(_l("Only PNG, JPEG, WebP and GIF images are accepted."))
            width, height = probe.size
            if width * height > (MAX_PIXELS if fmt == "JPEG" else MAX_PIXELS_LOSSLESS):
                raise ImageError(_l("The image has too many pixels."))
            probe.verify()
        image = Image.open(BytesIO(data))
        if size is not None and fmt == "JPEG":
            image.draft("RGB", size)
        image.load()
    except ImageError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ImageError(NOT_AN_IMAGE) from None
    return image


def check_image(file_storage):
    """Raise the ImageError that save_image would, checking the file in memory (it reads it):
    nothing is written."""
    _open(_read(file_storage)).close()


def ask_again(field, check=check_image, sentence=CHOOSE_IMAGE_AGAIN):
    """In a form sent back with errors, check the file chosen in `field` too, so that every error
    shows in one round: its own next to it, or, for a file that is fine, `sentence` under it
    naming the file to choose again (a browser never sends a file input back).

    `check` raises the UploadError the save would; the file is read in memory, never stored.
    """
    upload = field.data
    if field.errors or not getattr(upload, "filename", None):
        return
    upload.stream.seek(0)  # a save refused for another field's sake may have read it
    try:
        check(upload)
    except UploadError as error:
        field.errors.append(str(error))
        return
    field.description = f"{field.description} {sentence % {'name': upload.filename}}"


def _prepared(image, fmt):
    """A clean copy in a mode the output format can store, upright, with no metadata at all."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I", "I;16"):  # 16-bit greys (a PNG): convert() would clip them all to white
        image = image.point(lambda value: value / 256).convert("L")
        if "transparency" in image.info:
            image.info["transparency"] //= 256
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    if fmt == "JPEG":
        clean = image.convert("RGB")
    elif fmt == "GIF":
        clean = image.copy() if image.mode in ("P", "L") else image.convert("RGB").convert(
            "P", palette=Image.Palette.ADAPTIVE)
    elif image.mode in ("RGB", "RGBA", "L", "LA"):
        clean = image.copy()
    else:
        clean = image.convert("RGBA" if has_alpha else "RGB")
    transparency = clean.info.get("transparency") if clean.mode in ("P", "L") else None
    clean.info = {} if transparency is None else {"transparency": transparency}
    return clean


def _write(image, fmt, path):
    """Encode `image` into `path` (a file name, or a file object)."""
    options = {"JPEG": {"quality": 85, "optimize": True}, "WEBP": {"quality": 85},
               "PNG": {"optimize": True}, "GIF": {}}[fmt]
    image.save(path, format=fmt, **options)


def _clean(file_storage, max_size):
    """The checked, cleaned image, shrunk to `max_size`, and its format (ImageError otherwise)."""
    image = _open(_read(file_storage), max_size)
    fmt = _format(image)
    image.thumbnail(max_size)  # first: the copies that follow are of the small image
    return _prepared(image, fmt), fmt


def encode_image(file_storage, max_size=(1600, 1600)):
    """What save_image would store, as (bytes, format), written nowhere (ImageError otherwise)."""
    clean, fmt = _clean(file_storage, max_size)
    out = BytesIO()
    _write(clean, fmt, out)
    return out.getvalue(), fmt


def save_image(file_storage, subfolder, max_size=(1600, 1600), thumb=None):
    """Validate, re-encode and store an uploaded image; return its path relative to UPLOAD_FOLDER.

    `thumb=(w, h)` also stores a thumbnail next to it, at thumbnail_path(path).
    Raises ImageError (a ValueError with a translated message) on anything but a real image.
    Nothing is written when the file is refused; what is written is deleted again unless the
    current transaction commits.
    """
    if not _SUBFOLDER.match(subfolder or ""):
        raise ValueError(f"invalid upload subfolder: {subfolder!r}")
    clean, fmt = _clean(file_storage, max_size)
    folder = os.path.join(current_app.config["UPLOAD_FOLDER"], subfolder)
    os.makedirs(folder, exist_ok=True)
    name = f"{uuid.uuid4().hex}.{FORMATS[fmt]}"
    relative = f"{subfolder}/{name}"
    written(relative)  # before writing: even half-written, it goes
    _write(clean, fmt, os.path.join(folder, name))
    if thumb:
        small = clean.copy()
        small.thumbnail(thumb)
        _write(small, fmt, os.path.join(current_app.config["UPLOAD_FOLDER"], thumbnail_path(relative)))
    return relative


def thumbnail_path(relative):
    """Where save_image(..., thumb=...) stored the thumbnail of an image."""
    stem, ext = os.path.splitext(relative)
    return f"{stem}.thumb{ext}"


def original_path(relative):
    """The image whose file (itself, or its thumbnail) is at `relative`."""
    stem, ext = os.path.splitext(relative)
    return stem.removesuffix(".thumb") + ext


def delete_image(relative):
    """Remove a stored image (and its thumbnail) now; missing files are ignored. An image that a
    change replaces goes to discard_after_commit instead."""
    if relative:
        remove(current_app.config["UPLOAD_FOLDER"], relative)
