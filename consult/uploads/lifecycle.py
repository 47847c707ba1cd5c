"""Uploaded files follow the transaction of the rows that name them.

A file that a change replaces or removes is deleted once that change is committed, never
before: a request that fails keeps its row and its file as they were. A file just written is
deleted again when its transaction ends without being committed (rolled back, or closed), so
that no file is left that no row names. What escapes (the process dies between the commit and
the deletion) is found by `flask sweep-uploads` (uploads/sweep.py).
"""
import logging
import os

from flask import current_app
from sqlalchemy import event

from ..extensions import db

log = logging.getLogger("consult.uploads")

# Keys of Session.info: [(upload folder, path relative to it)] waiting for the transaction's end.
DISCARDED = "uploads_discarded"
WRITTEN = "uploads_written"


def discard_after_commit(relative):
    """Delete an image (and its thumbnail) once the current transaction commits."""
    _note(DISCARDED, relative)


def written(relative):
    """A file just stored for the current transaction (or, between two, the next one): deleted
    again unless it commits."""
    _note(WRITTEN, relative)


def remove(root, relative):
    """Remove a stored file and its thumbnail (missing ones are ignored), only inside `root`."""
    from . import thumbnail_path

    root = os.path.realpath(root)
    for rel in (relative, thumbnail_path(relative)):
        path = os.path.realpath(os.path.join(root, rel))
        if path.startswith(root + os.sep) and os.path.isfile(path):
            os.remove(path)


def _note(key, relative):
    if relative:
        db.session.info.setdefault(key, []).append((current_app.config["UPLOAD_FOLDER"], relative))


def _remove_all(entries):
    """After the transaction: a failure is logged, never raised (the change stands)."""
    for root, relative in entries:
        try:
            remove(root, relative)
        except OSError:
            log.exception("could not delete the upload %s (flask sweep-uploads will)", relative)


@event.listens_for(db.session, "after_commit")
def _committed(session):
    if session.in_nested_transaction():
        return  # a savepoint: the transaction goes on
    session.info.pop(WRITTEN, None)
    _remove_all(session.info.pop(DISCARDED, ()))


@event.listens_for(db.session, "after_transaction_end")
def _ended(session, transaction):
    if transaction.parent is None:  # the outermost transaction ended; committed, it left nothing here
        session.info.pop(DISCARDED, None)
        _remove_all(session.info.pop(WRITTEN, ()))
