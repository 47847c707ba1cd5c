"""Messages shown where a redirect lands. After a vote without JavaScript or a comment, the
person is sent back to the element they acted on (…#vote-box-3, …#comment-12), far below the
top of the page where messages are shown: there, the message would be neither seen nor heard.
It is flashed for that element instead, and shown in it when the page has it (else at the top).
"""
from urllib.parse import urlsplit

from flask import flash, g, get_flashed_messages

AT = "@"  # a message for an element is flashed under the category "success@comment-12"


def flash_at(url, message, category="success"):
    """Flash `message` for the element that `url`'s anchor names, where the browser lands."""
    anchor = urlsplit(url).fragment
    flash(message, f"{category}{AT}{anchor}" if anchor else category)


def _messages():
    """(category, anchor or "", message) of each message flashed for this page."""
    messages = []
    for category, message in get_flashed_messages(with_categories=True):
        category, _, anchor = category.partition(AT)
        messages.append((category, anchor, message))
    return messages


def flashed_at(anchor):
    """The messages (category, message) flashed for the element `anchor`, which shows them:
    they are no longer shown at the top of the page."""
    found = [(category, message) for category, at, message in _messages() if at == anchor]
    if found:
        g.setdefault("_flashes_shown_at", set()).add(anchor)
    return found


def flashed_on_top():
    """The messages (category, message) the top of the page shows: all, but those shown in
    their element."""
    shown = g.get("_flashes_shown_at", ())
    return [(category, message) for category, at, message in _messages() if at not in shown]
