"""An image carried from one step of a form to the next, stored nowhere in between.

A proposal's preview shows the image sent and keeps it for the step that publishes, yet
nothing may be written before the proposal is saved: a preview refused or abandoned would
leave a public file that no proposal names. The image travels in the form itself, as a data:
URL of what save_image would store (checked, cleaned, shrunk), which the preview's <img> shows
as is (the pages' policy allows data: images). When the form comes back, the URL is checked
again like any upload, and only then stored.
"""
import base64
import binascii
import re
from io import BytesIO

from . import MAX_BYTES, MIME_TYPES, NOT_AN_IMAGE, ImageError, encode_image

_DATA_URL = re.compile(rf"data:(?:{'|'.join(map(re.escape, MIME_TYPES.values()))});base64,([A-Za-z0-9+/]+={{0,2}})")
_MAX_LENGTH = (MAX_BYTES + 2) // 3 * 4  # base64 of MAX_BYTES


def carried_image(file_storage, max_size):
    """The data: URL carrying an uploaded image (ImageError when it is not one)."""
    data, fmt = encode_image(file_storage, max_size)
    return f"data:{MIME_TYPES[fmt]};base64,{base64.b64encode(data).decode('ascii')}"


def carried_file(value):
    """The image of a data: URL made by carried_image, as a file for check_image or save_image;
    ImageError when the browser sent back something else."""
    match = _DATA_URL.fullmatch(value or "")
    if match is None or len(match.group(1)) > _MAX_LENGTH:
        raise ImageError(NOT_AN_IMAGE)
    try:
        return BytesIO(base64.b64decode(match.group(1), validate=True))
    except binascii.Error:
        raise ImageError(NOT_AN_IMAGE) from None
