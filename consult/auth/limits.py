"""The rate limit of the requests that check a password or send mail to an address: signing
in, registering, and the account pages that ask for the password again."""
from flask import current_app

from ..extensions import limiter


def login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def failed(response):
    """Only answers that refused the person count against the limit."""
    return response.status_code >= 400


def password_checked():
    """The limit of a POST that checks the person's password: refused attempts count."""
    return limiter.limit(login_limit, methods=["POST"], deduct_when=failed)
