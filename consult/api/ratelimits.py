"""API rate limits, per token and per address; 429 answers carry Retry-After. Posts also count
against the account's POST_RATE_LIMIT, shared with the site (core.ratelimits.counts_as_post)."""
from flask import current_app, request

from ..extensions import client_address, limiter
from .auth import hash_token


def _token_key():
    header = request.headers.get("Authorization", "")
    raw = header.partition(" ")[2].strip()
    return f"token:{hash_token(raw)[:24]}" if raw else f"address:{client_address()}"


_limited = set()


def limit_blueprint(blp):
    """Attach the API limits to a blueprint, once (the limiter is shared by every app made).
    They are shared limits: each caller has one budget over all the API's routes and blueprints,
    not one per route."""
    if blp.name in _limited:
        return
    _limited.add(blp.name)
    limiter.shared_limit(lambda: current_app.config["API_RATE_LIMIT"], scope="api", key_func=_token_key)(blp)
    limiter.shared_limit(lambda: current_app.config["API_RATE_LIMIT_PER_ADDRESS"], scope="api-address",
                         key_func=client_address)(blp)
