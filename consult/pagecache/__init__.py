"""A short-lived, per-process cache of the consultation page, the proposal listing and the
results page (whose crowd comes the day they are announced).

Only GET requests of these pages are cached, never for more than PUBLIC_CACHE_SECONDS
(0 turns the cache off), so what they show (titles, order, comment counts) is at most
that stale. Two kinds of entries:

- for anonymous visitors, the whole page (any of the three); the CSRF token in it is
  swapped for the visitor's own when it is served;
- for signed-in residents, the proposal listing with markers where it depends on the
  person (menu, vote boxes, "make a proposal"), filled for each request with exact counts
  and the person's own votes (see personal.py): a person always sees their own vote at once.

Pages showing a flash message are neither served from nor put in the cache. Each random
order of the listing (see proposals.listing.visitor_seed) has its own entries, so that a
visitor's pages never repeat or skip a proposal.
"""
import re
import threading
import time

from flask import current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from ..i18n import current_locale
from . import personal
from .tokens import CSRF_PLACEHOLDER

CACHEABLE = re.compile(r"^/consultations/\d+(/proposals|/results)?/?$")
MAX_ENTRIES = 512
MAX_QUERY = 200

_lock = threading.Lock()


def _entries():
    """This app's cache (one per process and app)."""
    return current_app.extensions.setdefault("page_cache", {})


def seconds():
    return int(current_app.config.get("PUBLIC_CACHE_SECONDS") or 0)


def clear():
    with _lock:
        _entries().clear()


def _get(key):
    with _lock:
        entry = _entries().get(key)
    if entry is None or entry[0] < time.monotonic():
        return None
    return entry[1]


def keep_until(moment):
    """The page being rendered shows figures kept until `moment` (a time.monotonic() moment; None:
    not kept): it is kept no longer, or it would show them older than PUBLIC_CACHE_SECONDS."""
    if moment is not None:
        g._page_until = min(moment, g.get("_page_until", moment))


def _put(key, value):
    with _lock:
        store = _entries()
        if len(store) >= MAX_ENTRIES:
            now = time.monotonic()
            for stale in [k for k, v in store.items() if v[0] < now] or list(store)[: MAX_ENTRIES // 4]:
                store.pop(stale, None)
        until = time.monotonic() + seconds()
        store[key] = (min(until, g.get("_page_until", until)), value)


def _key(kind):
    from ..proposals.listing import visitor_seed

    return (kind, current_locale(), request.full_path, visitor_seed())


def _cacheable():
    return (request.method == "GET" and seconds() > 0 and CACHEABLE.match(request.path) is not None
            and len(request.query_string) <= MAX_QUERY and "_flashes" not in session)


def _html(body, cache_state):
    response = current_app.response_class(body, mimetype="text/html")
    response.headers["X-Cache"] = cache_state
    return response


def _serve():
    g._page_key = None
    if not _cacheable():
        return None
    if current_user.is_authenticated:
        key = _key("resident")
        page = _get(key)
        person = personal.person_for_request(current_user, page)
        if person is None:
            return None
        if page is not None:
            return _html(personal.fill(page, person), "HIT")
        g._person = person
        personal.start_shared_render()
    else:
        key = _key("anonymous")
        body = _get(key)
        if body is not None:
            return _html(body.replace(CSRF_PLACEHOLDER, generate_csrf()), "HIT")
    g._page_key = key
    return None


def _keep(response):
    key = g.pop("_page_key", None)
    if key is None or response.status_code != 200 or response.direct_passthrough:
        return response
    if "_flashes" in session or response.mimetype != "text/html":
        return response
    body = response.get_data(as_text=True)
    token = g.get("csrf_token")
    if token:
        body = body.replace(token, CSRF_PLACEHOLDER)
    if key[0] == "resident":
        page = personal.shared_page(body)
        _put(key, page)
        response.set_data(personal.fill(page, g._person))
    else:
        _put(key, body)
    response.headers["X-Cache"] = "MISS"
    return response


def init_app(app):
    app.before_request(_serve)
    app.after_request(_keep)
