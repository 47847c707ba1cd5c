"""The account of someone whom staff appoint or verify, found by the address they typed."""
from flask_babel import lazy_gettext as _l

from ..auth.services import find_user_by_email


def live_account(email):
    """The account that uses this address, not a deleted one, or None."""
    user = find_user_by_email(email)
    return None if user is None or user.deleted_at is not None else user


def account_by_email(email, error):
    """The account that uses this address, not a deleted one; otherwise raises `error` (the
    caller's exception class) with the sentence that none does."""
    user = live_account(email)
    if user is None:
        raise error(_l("No account uses this email address. The person must create an account first."))
    return user


def confirmed_account(email, error):
    """account_by_email, for an account whose address is confirmed (staff appoint and verify
    only those); otherwise raises `error` saying so."""
    user = account_by_email(email, error)
    if not user.is_confirmed:
        raise error(_l("%(name)s has not confirmed their email address yet: ask them to do so first.",
                       name=user.display_name))
    return user


def appointable(user, error):
    """A role of staff goes to an account that is not blocked (a block suspends such roles);
    otherwise raises `error` saying so."""
    if user.is_blocked():
        raise error(_l("%(name)s is blocked: no role can be given to them while the block lasts.",
                       name=user.display_name))
