from ..fixtures import cheap_passwords  # noqa: F401
