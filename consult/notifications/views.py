"""Views of the notifications blueprint."""
from . import bp  # noqa: F401
