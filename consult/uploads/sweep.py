"""`flask sweep-uploads`: delete the uploaded images and documents that no row names any more.

Images are deleted with the change that drops them (uploads/lifecycle.py); this finds what
escaped: a process that died between a commit and the deletion, files left by earlier versions
(which stored a proposal's image at its preview, and deleted none). Only the files named as
save_image names them are looked at, and only once older than the grace period, so that an
image whose transaction is still running is never taken for an orphan.
"""
import os
import re
import time
from datetime import timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from ..cli import HOURS_IN_A_YEAR
from ..extensions import db
from . import thumbnail_path

STORED_NAME = re.compile(r"[0-9a-f]{32}((\.thumb)?\.(png|jpg|webp|gif)|\.(pdf|odt|ods|odp))")


def named_paths():
    """Every upload a row names (with its thumbnail), relative to UPLOAD_FOLDER."""
    from ..consultations.models import Consultation, ConsultationDocument, ConsultationNews
    from ..proposals.models import Proposal
    from ..territories.models import Territory

    paths = set()
    for column in (Territory.logo_path, Consultation.cover_path, ConsultationNews.image_path, Proposal.image_path,
                   ConsultationDocument.file_path):
        for path in db.session.scalars(db.select(column).where(column.is_not(None))):
            paths.update((path, thumbnail_path(path)))
    return paths


def orphaned_files(grace, now=None):
    """The stored images no row names, last written more than `grace` ago (paths relative to
    UPLOAD_FOLDER, sorted)."""
    root = current_app.config["UPLOAD_FOLDER"]
    before = (now or time.time()) - grace.total_seconds()
    named = named_paths()
    db.session.commit()  # read: the folders are walked with no transaction open
    found = []
    for folder, _folders, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            if STORED_NAME.fullmatch(name) and relative not in named and os.lstat(path).st_mtime < before:
                found.append(relative)
    return sorted(found)


@click.command("sweep-uploads")
@click.option("--grace-hours", default=24, show_default=True, type=click.IntRange(1, HOURS_IN_A_YEAR),
              help="Leave the files written less than this many hours ago.")
@click.option("--dry-run", is_flag=True, help="Only list the files that would be deleted.")
@with_appcontext
def sweep_uploads_command(grace_hours, dry_run):
    """Delete the uploaded images (logos, covers, news photos, proposal images, thumbnails) and
    consultations' documents that no territory, consultation, news or proposal uses any more.
    Exits with 1 when a file could not be deleted."""
    root = current_app.config["UPLOAD_FOLDER"]
    orphans = orphaned_files(timedelta(hours=grace_hours))
    failed = 0
    for relative in orphans:
        click.echo(relative)
        if dry_run:
            continue
        try:
            os.remove(os.path.join(root, relative))
        except OSError as error:
            click.echo(f"{relative}: {error}", err=True)
            failed += 1
    click.echo(f"{len(orphans)} orphaned file(s) {'found' if dry_run else 'deleted'}.")
    if failed:
        raise SystemExit(1)
