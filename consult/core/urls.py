"""Reading the URL: where a redirect may send people back to, which page of a list."""
from urllib.parse import urlsplit

from flask import request


def safe_next(target, default="/"):
    """`target` when it is a path on this site, otherwise `default`: never send people to another site.

    Refuses absolute URLs, protocol-relative ones (`//host`), backslashes (browsers read `/\\host` as
    `//host`) and anything that still names a host once tabs and newlines are stripped.
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def page_arg(name="page"):
    """The page number asked for in the query string: 1 when missing, not a number or below 1."""
    return max(request.args.get(name, 1, type=int) or 1, 1)
