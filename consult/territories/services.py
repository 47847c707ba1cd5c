"""Territory logic: create and edit territories, appoint and remove their staff.

Functions add and flush; the request commits once.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from ..core.accounts import appointable, confirmed_account
from ..database import lock_row, utcnow
from ..extensions import db
from ..uploads import discard_after_commit, save_image
from ..auth.services import normalize_email
from .models import ROLES, FormerSlug, Invitation, Membership, Territory
from .staff_log import record

LOGO_FOLDER = "logos"
LOGO_SIZE = (400, 400)
FIELDS = ("name", "slug", "kind", "insee_code", "description", "description_en", "accent_color",
          "report_threshold", "forbidden_words")


class MemberError(ValueError):
    """A role or a residency verification could not be given; str(error) is a translated
    message for the email field."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message

    def __str__(self):
        return str(self.message)


def get_by_slug(slug):
    return db.session.scalar(db.select(Territory).where(Territory.slug == slug))


def formerly_at(slug):
    """The territory whose address name `slug` was before, or None."""
    return db.session.scalar(db.select(Territory).join(FormerSlug, FormerSlug.territory_id == Territory.id)
                             .where(FormerSlug.slug == slug))


def renamed(slug):
    """The territory that `slug` named before and no territory bears now (an old link), or None."""
    return None if not slug or get_by_slug(slug) else formerly_at(slug)


def named(slug):
    """The territory `slug` names now, or named before (a filter or a form naming a territory by
    an old link still finds it), or None."""
    return get_by_slug(slug) or formerly_at(slug)


def _keep_former_slug(territory, former):
    """The territory's address name changed from `former`: its old links still lead to it (and
    its address name now is no longer a former one)."""
    db.session.execute(db.delete(FormerSlug).where(FormerSlug.slug == territory.slug))
    db.session.merge(FormerSlug(slug=former, territory_id=territory.id, retired_at=utcnow()))


def save_territory(territory, data, logo=None, remove_logo=False):
    """Create (territory=None) or update a territory from cleaned form data.

    The logo is stored first: a refused image raises ImageError and nothing else changes. The
    logo it replaces is deleted once the change is committed (a failed request keeps it).
    """
    new_logo = save_image(logo, LOGO_FOLDER, max_size=LOGO_SIZE) if logo is not None and logo.filename else None
    if territory is None:
        territory = Territory()
        db.session.add(territory)
    former = territory.slug
    for name in FIELDS:
        if name in data:
            setattr(territory, name, data[name])
    territory.description = territory.description or ""
    territory.description_en = territory.description_en or ""
    territory.forbidden_words = territory.forbidden_words or ""
    old = territory.logo_path
    if new_logo:
        territory.logo_path = new_logo
    elif remove_logo:
        territory.logo_path = None
    # A refused flush (IntegrityError) leaves the new logo to the rollback, which deletes it
    # (uploads.lifecycle).
    with db.session.begin_nested():
        db.session.flush()
    if former and former != territory.slug:
        _keep_former_slug(territory, former)
    if old != territory.logo_path:
        discard_after_commit(old)
    return territory


def members_of(territory):
    """The territory's staff, admins first, then by name."""
    from ..auth.models import User

    return db.session.scalars(
        db.select(Membership).join(Membership.user)
        .where(Membership.territory_id == territory.id)
        .options(contains_eager(Membership.user))
        .order_by(Membership.role, User.folded_name, User.id)
    ).all()


def _forget_roles(user, territory):
    """Reload memberships, and drop the roles cached on the person by permissions.roles_in."""
    db.session.expire(user, ["memberships"])
    db.session.expire(territory, ["memberships"])
    user.__dict__.pop("_roles", None)


def add_member(territory, email, role, actor=None):
    """Give `role` in `territory` to the account with this email (who is told, unless they are
    the `actor` appointing them; None: the command line); MemberError otherwise. A person holds
    one role in a territory: a moderator appointed admin is an admin instead."""
    from ..notifications.staff_events import appointed

    user = confirmed_account(email, MemberError)
    # Two appointments of one person at once (admin here, moderator there) take turns: the
    # second finds the role the first gave, and does not add a second one beside it.
    lock_row(user)
    appointable(user, MemberError)
    already = _l("%(name)s already has this role in this territory.", name=user.display_name)
    membership = db.session.scalar(db.select(Membership).filter_by(territory_id=territory.id, user_id=user.id))
    if membership is not None and membership.role == role:
        raise MemberError(already)
    if membership is not None and membership.role == "admin":  # one role each: an admin moderates already
        raise MemberError(_l("%(name)s is an admin of this territory, which includes moderating it. To make them a "
                             "moderator only, remove their admin role first.", name=user.display_name))
    if membership is not None:  # a moderator made admin: the same row, its role changed
        record("role_changed", user, territory.id, actor, role=role, former_role=membership.role)
        membership.role = role
        db.session.flush()
    else:
        membership = Membership(territory_id=territory.id, user_id=user.id, role=role)
        try:
            with db.session.begin_nested():
                db.session.add(membership)
                db.session.flush()
        except IntegrityError:
            raise MemberError(already) from None
        record("appointed", user, territory.id, actor, role=role)
    _invitations_answered(territory, user, role)
    _forget_roles(user, territory)
    appointed(membership, actor)
    return membership


def _invitations_answered(territory, user, role):
    """The person holds `role` now: the invitations to it are used (and, for an admin, those to
    moderate too, which being an admin includes)."""
    db.session.execute(db.delete(Invitation).where(
        Invitation.territory_id == territory.id, Invitation.email == normalize_email(user.email),
        Invitation.role.in_(ROLES if role == "admin" else (role,))))


def remove_member(membership, actor=None):
    """Take the role back (`actor` None: the command line)."""
    user, territory = membership.user, membership.territory
    record("removed", user, territory.id, actor, role=membership.role)
    db.session.delete(membership)
    db.session.flush()
    _forget_roles(user, territory)
