"""Rendering a small fragment that needs only what it is given (plus url_for, the
translations and the filters): without Flask's context processors, which would compute
the whole page context (the account, the locale, helpers…) for a few lines of HTML."""
from flask import current_app


def render_fragment(name, **context):
    return current_app.jinja_env.get_template(name).render(**context)
