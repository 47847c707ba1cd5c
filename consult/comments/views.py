"""Views of the comments blueprint."""
from . import bp  # noqa: F401
