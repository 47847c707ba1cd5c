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

# The same for every page, the API documentation included: its vendored Swagger UI needs nothing more.
CSP = "; ".join(f"{name} {value}" for name, value in POLICY.items())

HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Content-Security-Policy", CSP),
)
HSTS = ("Strict-Transport-Security", "max-age=31536000")


def _secure(response):
    # one pass over the names already set (a lookup of a missing header raises, which costs)
    present = {name.lower() for name in response.headers.keys()}
    wanted = (*HEADERS, HSTS) if request.is_secure else HEADERS
    response.headers.extend([(name, value) for name, value in wanted if name.lower() not in present])
    return response


def init_app(app):
    app.after_request(_secure)
