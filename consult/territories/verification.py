"""Verifying residents: the staff of a territory records that a person lives there (seen at
the town hall with a proof of address), so that they may take part in the consultations
open to verified residents only. The proof itself is never stored here."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from ..auth.models import User
from ..core.accounts import confirmed_account
from ..extensions import db
from .models import ResidentVerification
from .services import MemberError
from .staff_log import record


def verified_residents(territory, page, per_page=50):
    """The territory's verified residents by name, a page of them."""
    query = (db.select(ResidentVerification).join(ResidentVerification.user)
             .where(ResidentVerification.territory_id == territory.id)
             .options(contains_eager(ResidentVerification.user))
             .order_by(User.folded_name, ResidentVerification.id))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def verify_resident(territory, email, verified_by, now):
    """Record that the account with this email lives in `territory`; MemberError otherwise."""
    user = confirmed_account(email, MemberError)
    verification = ResidentVerification(territory_id=territory.id, user_id=user.id,
                                        verified_by_id=verified_by.id, created_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(verification)
            db.session.flush()
    except IntegrityError:
        raise MemberError(_l("%(name)s is already a verified resident of this territory.",
                             name=user.display_name)) from None
    record("verified", user, territory.id, verified_by, now=now)
    db.session.expire(user, ["verifications"])
    return verification


def withdraw_verification(verification, actor=None):
    """Take the verification back (`actor` None: the command line)."""
    user = verification.user
    record("verification_withdrawn", user, verification.territory_id, actor)
    db.session.delete(verification)
    db.session.flush()
    db.session.expire(user, ["verifications"])
