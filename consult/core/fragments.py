"""Small fragments of HTML: rendered with only what they are given (plus url_for, the
translations and the filters), without Flask's context processors, which would compute the
whole page context for a few lines; and kept, when the same fragment comes back for many
people, under the tuple of everything it shows."""
from flask import current_app
from markupsafe import Markup

from ..pagecache.tokens import CSRF_PLACEHOLDER

MAX_KEPT = 5000


def render_fragment(name, **context):
    return current_app.jinja_env.get_template(name).render(**context)


def render_kept(name, key, csrf, **context):
    """The fragment `name` rendered once per `key` (which must name everything the fragment
    shows) and kept per process; only the CSRF token differs from one person to the next: it
    is rendered as a placeholder and `csrf` swapped in."""
    kept = current_app.extensions.setdefault("kept_fragments", {})  # per app, like the page cache
    html = kept.get((name, key))
    if html is None:
        if len(kept) >= MAX_KEPT:
            for oldest in list(kept)[: MAX_KEPT // 4]:
                del kept[oldest]
        html = kept[(name, key)] = render_fragment(name, csrf=CSRF_PLACEHOLDER, **context)
    return Markup(html.replace(CSRF_PLACEHOLDER, csrf or ""))
