"""Platform admins: appointed by another platform admin (or from the command line), never fewer
than one, so that somebody can always run the platform."""
from flask_babel import lazy_gettext as _l

from ..core.accounts import account_by_email, appointable
from ..extensions import db
from ..territories.staff_log import record
from .models import User


class PlatformAdminError(ValueError):
    """Why a person cannot be appointed or removed; str(error) is a translated sentence."""

    def __str__(self):
        return str(self.args[0])


def _holders():
    return User.is_platform_admin.is_(True), User.deleted_at.is_(None)


def platform_admins():
    """The platform admins, by name (one query)."""
    return db.session.scalars(db.select(User).where(*_holders()).order_by(User.folded_name, User.id)).all()


def platform_admin_count():
    return db.session.scalar(db.select(db.func.count(User.id)).where(*_holders()))


def appoint_platform_admin(email, actor=None):
    """Make the account with this address a platform admin (flushed); PlatformAdminError otherwise.
    `actor` None: the command line."""
    user = account_by_email(email, PlatformAdminError)
    if not user.is_confirmed:
        raise PlatformAdminError(_l("%(name)s has not confirmed their email address yet; a platform admin must have a confirmed address.",
                                    name=user.display_name))
    appointable(user, PlatformAdminError)
    if user.is_platform_admin:
        raise PlatformAdminError(_l("%(name)s is already a platform admin.", name=user.display_name))
    user.is_platform_admin = True
    record("platform_admin_appointed", user, actor=actor)
    db.session.flush()
    return user


def others_holding_the_role(user, lock=False):
    """The ids of the other platform admins who can act (not blocked). With `lock`, their rows
    are locked, in one order: two requests that could each take away a platform admin (giving
    up the role, deleting one's account) take turns, and the second finds who is left (SQLite:
    its write lock)."""
    # A block suspends the role (permissions.is_platform_admin): a blocked holder runs nothing.
    query = db.select(User.id).where(*_holders(), User.unblocked()).order_by(User.id)
    return [i for i in db.session.scalars(query.with_for_update() if lock else query) if i != user.id]


def remove_platform_admin(user, confirmed=True, actor=None):
    """Take the role back (flushed) and return True; PlatformAdminError when nobody else would
    hold it. Not `confirmed` (someone giving up their own role, not asked yet), nothing changes
    and False says that the role may be given up: ask them first. The holders are asked once, locked.
    `actor` None: the command line."""
    if not others_holding_the_role(user, lock=True):
        if platform_admin_count() > 1:  # the others are blocked
            raise PlatformAdminError(_l("%(name)s is the only platform admin who is not blocked: appoint another "
                                        "one first, so that somebody can still run the platform.",
                                        name=user.display_name))
        raise PlatformAdminError(_l("%(name)s is the only platform admin: appoint another one first, so that "
                                    "somebody can still run the platform.", name=user.display_name))
    if not confirmed:
        return False
    user.is_platform_admin = False
    gave_up = actor is not None and actor.id == user.id
    record("platform_admin_left" if gave_up else "platform_admin_removed", user, actor=actor)
    db.session.flush()
    return True
