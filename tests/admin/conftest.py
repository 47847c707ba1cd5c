"""Fixtures of these tests: shared ones come from tests/fixtures.py."""
from ..fixtures import cheap_passwords, image_bytes, territory, territory_admin  # noqa: F401
