"""Reading the URL and plain form fields: where a redirect may send people back to, which page
of a list, a whole number typed by anyone."""
from urllib.parse import urlsplit

from flask import request

MAX_INT = 2**31 - 1  # the largest id or number anyone may send: it fits every integer column
MAX_PAGE = 10**6  # any page beyond shows as this one: empty, past the last page


def safe_next(target, default="/"):
    """`target` when it is a path on this site, otherwise `default`: never send people to another site.

    Refuses absolute URLs, protocol-relative ones (`//host`), backslashes (browsers read `/\\host` as
    `//host`), anything that still names a host once tabs and newlines are stripped, and control
    characters (a newline cannot go into a Location header).
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(character) < 32 or ord(character) == 127 for character in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def referrer_path():
    """The page of this site the request came from (path and query), or None."""
    referrer = urlsplit(request.referrer or "")
    if not request.referrer or referrer.netloc != request.host:
        return None
    return safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else ""), None)


def page_address():
    """Where "come back here" leads (the language switcher, follow, report, sign in): this page,
    or, for a form sent back with its errors, the page it was sent from (the address of a POST
    answers 405 to the GET that would follow)."""
    if request.method in ("GET", "HEAD"):
        return request.full_path.rstrip("?")
    return referrer_path() or "/"


def _number(text, cap):
    """The number `text` writes in ASCII digits only (no sign, space, "²" or "٣"), None otherwise;
    one with more digits than `cap` is read as cap + 1, never converted."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit():
        return None
    digits = text.lstrip("0") or "0"
    return int(digits) if len(digits) <= len(str(cap)) else cap + 1


def bounded_int(text, default=None, maximum=MAX_INT, minimum=1):
    """`text` as a whole number from `minimum` to `maximum`, or `default` when it is anything else."""
    number = _number(text, maximum)
    return number if number is not None and minimum <= number <= maximum else default


def page_arg(name="page"):
    """The page number asked for in the query string: 1 when missing, not a number or below 1,
    at most MAX_PAGE (a page past the last is shown empty, as the listings always did)."""
    number = _number(request.args.get(name, ""), MAX_PAGE)
    return min(number, MAX_PAGE) if number else 1
