"""The limit on posting what others read (POST_RATE_LIMIT), counted twice:

- per address and page, by `@limit_posts` under a route of the site;
- per account, over the site and the API together, by `@counts_as_post` (which `limit_posts`
  includes, and the API's posting views carry): a person's browser and all of their API tokens
  share one quota, and nobody else's is touched.
"""
import math
import time
from functools import wraps

from flask import current_app
from flask_login import current_user
from limits import parse
from werkzeug.exceptions import TooManyRequests

from ..extensions import is_write_request, limiter

SCOPE = "posts"


def _post_limit():
    return current_app.config["POST_RATE_LIMIT"]


def _count_post():
    """Count a post of the signed-in account (anonymous requests are the address limits' and the
    sign-in's); 429 with Retry-After once the account's quota is spent."""
    if not limiter.enabled or not current_user.is_authenticated:
        return
    item, key = parse(_post_limit()), (f"account:{current_user.id}", SCOPE)
    if not limiter.limiter.hit(item, *key):
        reset = limiter.limiter.get_window_stats(item, *key).reset_time
        raise TooManyRequests(retry_after=max(1, math.ceil(reset - time.time())))


def counts_as_post(view):
    """The view's writes count against the account's POST_RATE_LIMIT (reading is never limited).
    Checked when the view is called: after the API has read the token."""
    @wraps(view)
    def counted(*args, **kwargs):
        if is_write_request():
            _count_post()
        return view(*args, **kwargs)
    return counted


def limit_posts(view):
    """Rate-limit the view's POST requests, per address and per account."""
    return limiter.limit(_post_limit, methods=["POST"])(counts_as_post(view))
