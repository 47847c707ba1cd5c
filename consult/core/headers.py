"""Security headers on every response: what a page may load, who may frame it, what the
browser tells other sites. A route that sets one of them itself (the uploads) keeps its own."""
from flask import request

POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "style-src-attr": "'unsafe-inline'",  # the territory's accent colour, as custom properties
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


# The same for every page, the API documentation included: its vendored Swagger UI needs nothing more.
CSP = "; ".join(f"{name} {value}" for name, value in POLICY.items())


def _secure(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", CSP)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def init_app(app):
    app.after_request(_secure)
