"""The limit on posting what others read (POST_RATE_LIMIT): `@limit_posts` under the route."""
from flask import current_app

from ..extensions import limiter


def _post_limit():
    return current_app.config["POST_RATE_LIMIT"]


def limit_posts(view):
    """Rate-limit the view's POST requests (reading the page is never limited)."""
    return limiter.limit(_post_limit, methods=["POST"])(view)
