"""The shared image upload helper and the route serving uploads."""
import os
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage

from consult.uploads import MAX_BYTES, ImageError, check_image, save_image, thumbnail_path

from ..helpers import stored_files


def upload(data, name="image.png", content_type="image/png"):
    return FileStorage(stream=BytesIO(data), filename=name, content_type=content_type)


@pytest.mark.parametrize("fmt, ext", [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "gif")])
def test_accepted_formats_are_reencoded_and_stored(app, image_bytes, fmt, ext):
    path = save_image(upload(image_bytes(fmt)), "logos")
    assert path.startswith("logos/") and path.endswith("." + ext)
    with Image.open(os.path.join(app.config["UPLOAD_FOLDER"], path)) as image:
        assert image.format == fmt
        assert image.size == (20, 10)


def test_a_phone_photo_with_more_images_in_it_is_stored_as_a_jpeg(app, client, image_bytes):
    """Recent phones add an HDR gain map or a depth map after the photo (MPF): Pillow opens such
    a JPEG as "MPO". It is accepted like any JPEG, and its first image, the photo, is kept."""
    gain_map = Image.new("RGB", (20, 10), (0, 0, 255))
    data = image_bytes("MPO", save_all=True, append_images=[gain_map])
    path = save_image(upload(data, "IMG_0042.jpg", "image/jpeg"), "logos")
    assert path.endswith(".jpg")
    response = client.get(f"/uploads/{path}")
    assert response.mimetype == "image/jpeg"
    with Image.open(BytesIO(response.data)) as image:
        assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1
        red, green, blue = image.getpixel((10, 5))
        assert red > 150 and blue < 80  # the photo, not the map after it
    response.close()


def test_a_16_bit_grey_png_keeps_its_shades(app, image_bytes):
    """convert("RGB") would clip 16-bit values, every shade above the darkest coming out white."""
    path = save_image(upload(image_bytes("PNG", color=32768, mode="I;16")), "logos")
    with Image.open(os.path.join(app.config["UPLOAD_FOLDER"], path)) as image:
        assert image.convert("L").getpixel((0, 0)) == 128  # mid grey


def test_large_image_is_shrunk_and_thumbnail_written(app, image_bytes):
    path = save_image(upload(image_bytes("PNG", size=(800, 400))), "covers", max_size=(200, 200), thumb=(50, 50))
    root = app.config["UPLOAD_FOLDER"]
    with Image.open(os.path.join(root, path)) as image:
        assert image.size == (200, 100)
    with Image.open(os.path.join(root, thumbnail_path(path))) as image:
        assert image.size == (50, 25)


def test_exif_metadata_is_removed(app, image_bytes):
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 24.0)}  # GPS latitude
    data = image_bytes("JPEG", exif=exif.tobytes())
    assert b"SecretCamera" in data
    path = save_image(upload(data, "photo.jpg", "image/jpeg"), "proposals")
    stored = Path(app.config["UPLOAD_FOLDER"], path).read_bytes()
    assert b"SecretCamera" not in stored
    with Image.open(BytesIO(stored)) as image:
        assert not image.getexif()


def test_data_hidden_after_the_image_is_dropped(app, image_bytes):
    data = image_bytes("PNG") + b"<script>alert(1)</script>"
    path = save_image(upload(data), "logos")
    assert b"<script>" not in Path(app.config["UPLOAD_FOLDER"], path).read_bytes()


@pytest.mark.parametrize("data", [
    b"just some text, not an image",
    b"",
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,  # a PNG signature and nothing valid after it
])
def test_files_that_are_not_images_are_refused(app, data):
    with pytest.raises(ImageError) as error:
        save_image(upload(data, "fake.png"), "logos")
    assert str(error.value)
    assert stored_files(app) == []


def test_truncated_image_is_refused(app, image_bytes):
    data = image_bytes("PNG", size=(200, 200), color=None, mode="RGB")
    with pytest.raises(ImageError):
        save_image(upload(data[: len(data) // 2]), "logos")
    assert stored_files(app) == []


def test_other_image_formats_are_refused(app, image_bytes):
    with pytest.raises(ImageError, match="PNG, JPEG, WebP et GIF"):
        save_image(upload(image_bytes("BMP"), "image.bmp"), "logos")
    assert stored_files(app) == []


def test_too_large_file_is_refused(app, image_bytes):
    data = image_bytes("PNG") + b"\x00" * MAX_BYTES
    with pytest.raises(ImageError, match="10\u00a0Mo"):
        save_image(upload(data), "logos")
    assert stored_files(app) == []


def test_a_lossless_image_has_fewer_pixels_allowed_than_a_photo(app, image_bytes, monkeypatch):
    """A PNG unpacks in full, whatever its file's size: 400 pixels allowed here, as 16 million
    are in production; a JPEG of the same size, decoded at a reduced scale, may have more."""
    monkeypatch.setattr("consult.uploads.MAX_PIXELS_LOSSLESS", 400)
    with pytest.raises(ImageError, match="trop de pixels"):
        save_image(upload(image_bytes("PNG", size=(30, 20))), "covers")
    assert stored_files(app) == []
    assert save_image(upload(image_bytes("JPEG", size=(30, 20)), "photo.jpg", "image/jpeg"), "covers")


def test_a_large_photo_is_decoded_at_the_scale_it_is_shrunk_to(app, image_bytes, monkeypatch):
    from PIL.JpegImagePlugin import JpegImageFile

    seen = []
    original = JpegImageFile.draft
    monkeypatch.setattr(JpegImageFile, "draft", lambda self, mode, size: seen.append(size) or original(self, mode, size))
    path = save_image(upload(image_bytes("JPEG", size=(1600, 800)), "photo.jpg", "image/jpeg"), "covers",
                      max_size=(200, 200))
    assert seen[0] == (200, 200)
    with Image.open(os.path.join(app.config["UPLOAD_FOLDER"], path)) as image:
        assert image.size == (200, 100)


def test_check_image_refuses_what_save_image_would_and_writes_nothing(app, image_bytes):
    for data in (b"just some text", image_bytes("BMP"), image_bytes("PNG") + b"\x00" * MAX_BYTES):
        with pytest.raises(ImageError) as checked:
            check_image(upload(data))
        with pytest.raises(ImageError) as saved:
            save_image(upload(data), "logos")
        assert str(checked.value) == str(saved.value)
    check_image(upload(image_bytes("PNG")))
    assert os.listdir(app.config["UPLOAD_FOLDER"]) == []


def test_image_error_is_a_value_error(app):
    assert issubclass(ImageError, ValueError)


@pytest.mark.parametrize("subfolder", ["../etc", "/abs", "", "Logos", "a/../b"])
def test_unsafe_subfolders_are_rejected(app, image_bytes, subfolder):
    with pytest.raises(ValueError):
        save_image(upload(image_bytes()), subfolder)


def test_uploads_are_served(app, client, image_bytes):
    path = save_image(upload(image_bytes()), "logos")
    response = client.get(f"/uploads/{path}")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


@pytest.mark.parametrize("path", ["logos/missing.png", "../config.py", "..%2Fconfig.py", "%2e%2e/x"])
def test_missing_and_outside_paths_are_404(app, client, path):
    assert client.get(f"/uploads/{path}").status_code == 404
