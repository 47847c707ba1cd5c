"""Uploaded files follow the transaction of the rows naming them, and `flask sweep-uploads`
deletes those no row names any more."""
import os
import time
import uuid
from io import BytesIO

from werkzeug.datastructures import FileStorage

from consult.consultations.models import ConsultationDocument
from consult.extensions import db
from consult.territories.models import Territory
from consult.uploads import discard_after_commit, save_image, thumbnail_path
from consult.uploads.carry import carried_file, carried_image

from ..helpers import stored_files


def upload(data):
    return FileStorage(stream=BytesIO(data), filename="image.png", content_type="image/png")


def test_a_file_written_for_a_change_that_is_not_committed_is_deleted(app, image_bytes):
    db.session.execute(db.select(1))  # in its transaction, as a request is
    path = save_image(upload(image_bytes()), "logos", thumb=(5, 5))
    assert stored_files(app) == sorted([path, thumbnail_path(path)])
    db.session.rollback()
    assert stored_files(app) == []


def test_a_committed_file_stays(app, make, image_bytes):
    territory = make.territory(logo_path=save_image(upload(image_bytes()), "logos"))  # committed
    db.session.rollback()
    assert stored_files(app) == [territory.logo_path]


def test_a_replaced_file_goes_only_once_the_change_is_committed(app, make, image_bytes):
    territory = make.territory(logo_path=save_image(upload(image_bytes()), "logos"))
    old = territory.logo_path
    for _ in range(2):
        discard_after_commit(territory.logo_path)
        territory.logo_path = None
        with db.session.begin_nested():  # a savepoint is not the end of the change
            db.session.flush()
        assert stored_files(app) == [old]
    db.session.rollback()  # the change failed: the row and its file are as they were
    assert db.session.get(Territory, territory.id).logo_path == old and stored_files(app) == [old]
    discard_after_commit(territory.logo_path)
    territory.logo_path = None
    db.session.commit()
    assert stored_files(app) == []


def test_an_image_carried_in_a_form_is_cleaned_and_stored_nowhere(app, image_bytes):
    value = carried_image(upload(image_bytes("JPEG", size=(3000, 1000), comment=b"secret")), (1600, 1600))
    assert value.startswith("data:image/jpeg;base64,") and stored_files(app) == []
    path = save_image(carried_file(value), "proposals")
    with open(os.path.join(app.config["UPLOAD_FOLDER"], path), "rb") as stored:
        data = stored.read()
    assert b"secret" not in data


def leave(app, relative, age_hours):
    """A file as an earlier version of the site left it, last written `age_hours` ago."""
    path = os.path.join(app.config["UPLOAD_FOLDER"], relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as file:
        file.write(b"image")
    written = time.time() - age_hours * 3600
    os.utime(path, (written, written))
    return relative


def test_sweep_deletes_the_old_files_no_row_names(app, make, image_bytes):
    logo = make.territory(logo_path=save_image(upload(image_bytes()), "logos")).logo_path
    image = save_image(upload(image_bytes()), "proposals", thumb=(5, 5))
    make.proposal(image_path=image)
    document = leave(app, f"documents/{uuid.uuid4().hex}.pdf", 48)
    db.session.add(ConsultationDocument(consultation=make.consultation(), title={"fr": "Dossier"},
                                        file_path=document, file_format="pdf", size=0))
    db.session.commit()
    for path in (logo, image, thumbnail_path(image)):
        leave(app, path, 48)
    orphan = leave(app, f"proposals/{uuid.uuid4().hex}.png", 48)
    orphans = [leave(app, f"documents/{uuid.uuid4().hex}.odt", 48), orphan, leave(app, thumbnail_path(orphan), 48)]
    recent = leave(app, f"covers/{uuid.uuid4().hex}.jpg", 1)  # perhaps a change still running
    foreign = leave(app, "notes.txt", 48)  # not named as the site names its files
    everything = stored_files(app)
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["sweep-uploads", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines() == [*orphans, "3 orphaned file(s) found."]
    assert stored_files(app) == everything

    done = runner.invoke(args=["sweep-uploads"])
    assert done.exit_code == 0 and done.output.splitlines()[-1] == "3 orphaned file(s) deleted."
    assert stored_files(app) == sorted(set(everything) - set(orphans))
    assert {logo, image, thumbnail_path(image), document, recent, foreign} <= set(stored_files(app))

    assert runner.invoke(args=["sweep-uploads", "--grace-hours", "1"]).output.splitlines() == [
        recent, "1 orphaned file(s) deleted."]
