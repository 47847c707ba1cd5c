"""A proposal's image: carried in its form, stored nowhere, until the proposal is saved with it
(uploads/carry.py); the files of an image that an edit replaces or removes go once the edit is
committed (services._apply)."""

from sqlalchemy.orm import joinedload

from ..core.ratelimits import posting_refused
from ..extensions import db
from ..uploads import ImageError, original_path, save_image
from ..uploads.carry import carried_file, carried_image
from .models import Proposal

FOLDER = "proposals"
IMAGE_SIZE = (1600, 1600)
THUMB_SIZE = (480, 480)


def carry_upload(form):
    """Put an image sent with the form into the form itself (checked, stored nowhere), so that
    it is kept until the proposal is saved; a refused file becomes an error on the field. With
    "Remove the image" ticked and no new file, the image carried so far is dropped."""
    storage = form.image.data
    if posting_refused():  # over the posting limit: no file is read, the carried one is kept
        return True
    if not storage or not getattr(storage, "filename", ""):
        if "remove_image" in form and form.remove_image.data:
            form.image_data.data = ""  # the image sent at an earlier step is not wanted any more
        return True
    try:
        form.image_data.data = carried_image(storage, IMAGE_SIZE)
    except ImageError as error:
        form.image.errors = list(form.image.errors) + [str(error)]
        return False
    return True


def proposal_of_image(path):
    """The proposal whose image (or thumbnail) is at `path`, with its consultation; None when
    no proposal names it any more."""
    return db.session.scalar(db.select(Proposal).where(Proposal.image_path == original_path(path))
                             .options(joinedload(Proposal.consultation)))


def store_image(form):
    """Store the image carried in a valid form, as the proposal is saved: its path, or None."""
    if not form.image_data.data:
        return None
    return save_image(carried_file(form.image_data.data), FOLDER, max_size=IMAGE_SIZE, thumb=THUMB_SIZE)
