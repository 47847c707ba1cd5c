"""Fixtures shared by several test packages: import them into a package's conftest.py
(`from ..fixtures import cheap_passwords, image_bytes  # noqa: F401`)."""
from io import BytesIO

import pytest
from PIL import Image


@pytest.fixture
def image_bytes():
    """image_bytes(fmt="PNG", size=(20, 10), **save_options) -> bytes of a real image."""
    def _make(fmt="PNG", size=(20, 10), color=(200, 30, 30), mode="RGB", **options):
        buffer = BytesIO()
        Image.new(mode, size, color).save(buffer, format=fmt, **options)
        return buffer.getvalue()
    return _make


@pytest.fixture
def territory(make):
    return make.territory(slug="villeneuve", name="Villeneuve")


@pytest.fixture
def territory_admin(make, territory):
    return make.member(make.user(name="Mairie"), territory, "admin")


@pytest.fixture(autouse=True)
def cheap_passwords(monkeypatch):
    """Nobody signs in with a password in these tests: hash them cheaply to keep the suite fast."""
    from werkzeug.security import generate_password_hash

    monkeypatch.setattr("consult.auth.models.generate_password_hash",
                        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"))
