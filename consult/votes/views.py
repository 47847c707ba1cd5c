"""Views of the votes blueprint."""
from . import bp  # noqa: F401
