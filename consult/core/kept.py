"""Figures kept a few seconds per process: aggregates that cost a scan growing with the data (a
listing's count of proposals, a consultation's totals and activity), the same for every reader.
Each process keeps its own; a change made through it may forget them at once."""
import threading
import time

from flask import current_app

_lock = threading.Lock()
_MAX_ENTRIES = 2000  # per kind: beyond it, all are forgotten (no entry grows stale for long anyway)


def _store(kind):
    return current_app.extensions.setdefault(f"kept {kind}", {})


def kept(kind, key, seconds, compute):
    """compute(), or its value kept from less than `seconds` ago for (kind, key); 0 keeps nothing."""
    if not seconds:
        return compute()
    with _lock:
        hit = _store(kind).get(key)
    if hit and hit[0] > time.monotonic():
        return hit[1]
    value = compute()
    with _lock:
        store = _store(kind)
        if len(store) > _MAX_ENTRIES:
            store.clear()
        store[key] = (time.monotonic() + seconds, value)
    return value


def kept_until(kind, key):
    """When the value kept for (kind, key) is computed again (a time.monotonic() moment), or
    None when none is kept."""
    with _lock:
        hit = _store(kind).get(key)
    return hit[0] if hit else None


def forget(kind, matches):
    """Forget this process's values of `kind` whose key `matches`."""
    with _lock:
        store = _store(kind)
        for key in [key for key in store if matches(key)]:
            store.pop(key, None)
