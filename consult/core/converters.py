"""URL converters: identifiers in URLs stay within the database's integer range, so a huge
number in a URL is a plain 404 instead of a database error."""
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    def __init__(self, map, *args, **kwargs):  # noqa: A002 — werkzeug's signature
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
