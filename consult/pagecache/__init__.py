"""A short-lived, per-process cache of the public pages seen by anonymous visitors.

Only GET requests of the consultation page and its proposal listing are cached, only for
visitors who are not signed in (a signed-in person always sees the page as it is, their
own vote included), and never for more than PUBLIC_CACHE_SECONDS (0 turns it off), so
counts are at most a few seconds stale. The CSRF token in a cached page is swapped for the
visitor's own when the page is served; pages showing a flash message are not cached.
"""
import re
import threading
import time

from flask import current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from ..i18n import current_locale
from .tokens import CSRF_PLACEHOLDER as PLACEHOLDER

CACHEABLE = re.compile(r"^/consultations/\d+(/proposals)?/?$")
MAX_ENTRIES = 512
MAX_QUERY = 200

_lock = threading.Lock()


def _entries():
    """This app's cache (one per process and app)."""
    return current_app.extensions.setdefault("public_cache", {})


def _seconds():
    return int(current_app.config.get("PUBLIC_CACHE_SECONDS") or 0)


def _key():
    if request.method != "GET" or _seconds() <= 0 or not CACHEABLE.match(request.path):
        return None
    if len(request.query_string) > MAX_QUERY or "_flashes" in session:
        return None
    if current_user.is_authenticated:
        return None
    return (current_locale(), request.full_path)


def clear():
    with _lock:
        _entries().clear()


def _serve():
    key = _key()
    g._public_cache_key = key
    if key is None:
        return None
    with _lock:
        entry = _entries().get(key)
    if entry is None or entry[0] < time.monotonic():
        return None
    _, status, mimetype, body = entry
    g._public_cache_hit = True
    if PLACEHOLDER in body:
        body = body.replace(PLACEHOLDER, generate_csrf())
    response = current_app.response_class(body, status=status, mimetype=mimetype)
    response.headers["X-Cache"] = "HIT"
    return response


def _keep(response):
    key = g.pop("_public_cache_key", None)
    if key is None or g.get("_public_cache_hit") or response.status_code != 200:
        return response
    if response.direct_passthrough or "_flashes" in session or response.mimetype != "text/html":
        return response
    body = response.get_data(as_text=True)
    token = g.get("csrf_token")
    if token:
        body = body.replace(token, PLACEHOLDER)
    with _lock:
        _store = _entries()
        if len(_store) >= MAX_ENTRIES:
            now = time.monotonic()
            for stale in [k for k, v in _store.items() if v[0] < now] or list(_store)[: MAX_ENTRIES // 4]:
                _store.pop(stale, None)
        _store[key] = (time.monotonic() + _seconds(), response.status_code, response.mimetype, body)
    response.headers["X-Cache"] = "MISS"
    return response


def init_app(app):
    app.before_request(_serve)
    app.after_request(_keep)
