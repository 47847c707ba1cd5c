"""Everything the platform holds about one person, as data they can take away (RGPD art. 15
and 20): their account, roles, residency verifications, contributions, votes, reports,
follows, notifications and their settings, the mail written to them, API tokens (never their
secret), the moderation decisions and the staff activity log's entries about them. Other
people appear by their public name only, as on the site."""
from sqlalchemy import case, func, or_, select

from ..auth.models import ApiToken
from ..comments.models import Comment
from ..consultations.models import Consultation
from ..extensions import db
from ..mail import written_to
from ..moderation.models import Appeal, ModerationAction, Report
from ..notifications.models import Follow, Notification, NotificationPreference, OutgoingMail
from ..notifications.shown import as_shown
from ..permissions import proposals_seen_by
from ..proposals.models import Proposal
from ..territories.models import Membership, ResidentVerification, Territory
from ..territories.staff_log import StaffLogEntry
from ..votes.models import Vote


def _rows(model, condition, columns, order=None):
    """[{column: value}] of this person's rows of `model`, oldest first."""
    query = select(*(getattr(model, name) for name in columns)).where(condition)
    query = query.order_by(order if order is not None else model.id)
    return [dict(zip(columns, row)) for row in db.session.execute(query)]


def _notifications(user):
    """The notices of the notification centre, each as the sentence it shows (only "no longer
    shown" where the centre says so: the title may be why); plain rows, not objects of the ORM."""
    notices = db.session.execute(select(Notification.id, Notification.kind, Notification.payload, Notification.repeats,
                                        Notification.url, Notification.created_at, Notification.read_at)
                                 .where(Notification.user_id == user.id).order_by(Notification.id)).all()
    return [{"text": str(text), "kind": n.kind, "url": url, "created_at": n.created_at, "read_at": n.read_at}
            for n, text, url in as_shown(user, notices)]


def _mail_written_to(user):
    """The account's mail, but the links to confirm an address it has not taken (yet): their
    rows would tell whether the address asked for has an account (its owner is mailed instead)."""
    return written_to(user) & or_(OutgoingMail.to_new_address.is_(False),
                                  func.lower(OutgoingMail.recipient) == user.email.lower())


def personal_data(user, now):
    uid = user.id
    roles = db.session.execute(select(Territory.slug, Membership.role, Membership.created_at)
                               .join(Territory, Territory.id == Membership.territory_id)
                               .where(Membership.user_id == uid).order_by(Membership.id))
    return {
        "exported_at": now,
        "account": {"id": uid, "email": user.email, "display_name": user.display_name, "locale": user.locale,
                    "last_locale": user.last_locale, "created_at": user.created_at, "confirmed_at": user.confirmed_at,
                    "terms_accepted_at": user.terms_accepted_at, "platform_admin": user.is_platform_admin,
                    "blocked_until": user.blocked_until, "blocked_for_good": user.blocked_for_good},
        "roles": [{"territory": slug, "role": role, "since": since} for slug, role, since in roles],
        "verified_resident_of": [{"territory": slug, "since": since} for slug, since in db.session.execute(
            select(Territory.slug, ResidentVerification.created_at)
            .join(Territory, Territory.id == ResidentVerification.territory_id)
            .where(ResidentVerification.user_id == uid).order_by(ResidentVerification.id))],
        "proposals": _rows(Proposal, Proposal.author_id == uid, (
            "id", "consultation_id", "title", "body", "language", "address", "latitude", "longitude", "status",
            "votes_for", "votes_against", "votes_abstain", "comments_count", "created_at", "published_at",
            "withdrawn_at")),
        "comments": _rows(Comment, Comment.author_id == uid, (
            "id", "proposal_id", "parent_id", "body", "language", "stance", "status", "created_at",
            "published_at")),
        # The title of a proposal they no longer see (moderation hid or rejected it) is null, as
        # "my activity" does not show it either.
        "votes": [dict(row._mapping) for row in db.session.execute(
            select(Vote.proposal_id, case((proposals_seen_by(user, Proposal, Consultation), Proposal.title))
                   .label("proposal_title"), Vote.consultation_id, Vote.value, Vote.created_at, Vote.updated_at)
            .join(Proposal, Proposal.id == Vote.proposal_id)
            .join(Consultation, Consultation.id == Proposal.consultation_id)
            .where(Vote.user_id == uid).order_by(Vote.id))],
        "follows": _rows(Follow, Follow.user_id == uid, ("target_type", "target_id", "active", "created_at")),
        "notifications": _notifications(user),
        "notification_settings": _rows(NotificationPreference, NotificationPreference.user_id == uid,
                                       ("kind", "frequency")),
        # Not their bodies: some hold a link that acts for the account (a password reset, an
        # address confirmation), which the file must not carry to whoever reads it.
        "mail": _rows(OutgoingMail, _mail_written_to(user), ("recipient", "subject", "status", "created_at", "sent_at")),
        "reports": _rows(Report, Report.reporter_id == uid, (
            "target_type", "target_id", "reason", "details", "status", "created_at", "resolved_at")),
        "moderation_decisions_about_me": _rows(ModerationAction, ModerationAction.subject_user_id == uid, (
            "id", "target_type", "target_id", "action", "rule", "explanation", "blocked_until", "created_at")),
        # Roles and verifications given or taken back, those no longer held too (territory null:
        # the platform admin role); not who did it, as the decisions about them do not say.
        "staff_log_about_me": [dict(row._mapping) for row in db.session.execute(
            select(StaffLogEntry.action, Territory.slug.label("territory"), StaffLogEntry.role,
                   StaffLogEntry.former_role, StaffLogEntry.created_at)
            .outerjoin(Territory, Territory.id == StaffLogEntry.territory_id)
            .where(StaffLogEntry.subject_id == uid).order_by(StaffLogEntry.id))],
        "appeals": _rows(Appeal, Appeal.author_id == uid, (
            "action_id", "message", "created_at", "decision", "decision_text", "decided_at")),
        "api_tokens": _rows(ApiToken, ApiToken.user_id == uid, (
            "name", "scope", "created_at", "last_used_at", "revoked_at")),
    }
