"""The rate limits of the requests that check a password or send mail to an address.

Per client address (LOGIN_RATE_LIMIT): signing in, registering, and the account pages that ask
for the password again. Per account, from any address, so that guesses spread over many
addresses are stopped too:

- ACCOUNT_LOGIN_RATE_LIMIT: the refused sign-ins of one email address. Once it is spent,
  signing in with that address waits, whoever tries, except in a browser where the account has
  signed in before (devices.py); choosing a new password (the link comes by mail) starts the
  count again. The count is kept for any address typed, with an account
  or not, so that the answer never tells whether an account exists;
- MAIL_PER_ADDRESS_RATE_LIMIT: the mails that anybody may have sent to an address without
  signing in (the confirmation or "you already have an account" of a registration, a password
  reset), and the invitations to a territory's team. Past it no mail is sent, and the page says
  the same as before (staff sending invitations are told to wait): nobody can flood a mailbox
  through the platform.

The addresses are counted under a keyed digest, not in clear (the counts may live in Redis).
"""
import hmac

from flask import current_app
from limits import parse

from ..core.ratelimits import seconds_left
from ..extensions import limiter


def login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def failed(response):
    """Only answers that refused the person count against the limit."""
    return response.status_code >= 400


def password_checked():
    """The limit of a POST that checks the person's password: refused attempts count."""
    return limiter.limit(login_limit, methods=["POST"], deduct_when=failed)


def _per_account(setting, kind, email):
    from .services import normalize_email  # services sends the mail these limits count

    digest = hmac.new(str(current_app.secret_key).encode(), normalize_email(email).encode(), "sha256")
    return parse(current_app.config[setting]), f"{kind}:{digest.hexdigest()[:32]}"


def take_sign_in(email):
    """Count a sign-in with this address as refused, before its password is checked: seconds to
    wait once ACCOUNT_LOGIN_RATE_LIMIT of them were refused, else None. Counting first is what
    keeps simultaneous guesses under the limit; `sign_in_accepted` gives the count back."""
    if not limiter.enabled:
        return None
    item, key = _per_account("ACCOUNT_LOGIN_RATE_LIMIT", "sign-in", email)
    return None if limiter.limiter.hit(item, key) else seconds_left(item, key)


def sign_in_accepted(email):
    """The password was right: this sign-in is not a refused one."""
    if not limiter.enabled:
        return
    item, key = _per_account("ACCOUNT_LOGIN_RATE_LIMIT", "sign-in", email)
    if limiter.limiter.get_window_stats(item, key).remaining < item.amount:  # not a new window
        limiter.limiter.hit(item, key, cost=-1)


def forget_refused_sign_ins(email):
    """A new password was chosen through the mailed link: the account's count starts again."""
    if limiter.enabled:
        limiter.limiter.clear(*_per_account("ACCOUNT_LOGIN_RATE_LIMIT", "sign-in", email))


def may_mail(address):
    """Whether one more mail asked for without signing in, or an invitation, may go to this
    address (counted)."""
    if not limiter.enabled:
        return True
    return limiter.limiter.hit(*_per_account("MAIL_PER_ADDRESS_RATE_LIMIT", "mail", address))
