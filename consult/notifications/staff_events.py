"""What a territory's team hears about: contributions awaiting moderation, reports, appeals,
and their own appointment.

The team is the people permissions.is_moderator() lets review the territory's contributions
(its moderators and admins, while a block does not suspend their roles); platform admins are
not told. Nobody hears of what they caused, nor of an item about themselves, which another
moderator reviews. Reporters stay private: a report notice says what was reported, never by
whom, and its payload keeps nobody's id.
"""
from sqlalchemy.orm import selectinload

from .. import permissions
from ..database import utcnow
from ..extensions import db
from .models import Notification
from .services import notify, notify_all, quoted_title


def team_ids(territory_id):
    """Ids of the people who may moderate the territory now (two queries)."""
    from ..auth.models import User
    from ..territories.models import ROLES, Membership

    members = db.select(Membership.user_id).where(Membership.territory_id == territory_id,
                                                   Membership.role.in_(ROLES))
    people = db.session.scalars(db.select(User).where(User.id.in_(members), User.deleted_at.is_(None))
                                .options(selectinload(User.memberships)))
    return {person.id for person in people if permissions.is_moderator(person, territory_id)}


def _tell_team(territory_id, kind, payload, url, exclude=()):
    return notify_all(team_ids(territory_id) - set(exclude), kind, payload, url)


def _territory_name(territory_id):
    from ..territories.models import Territory

    territory = db.session.get(Territory, territory_id)
    return territory.name if territory else ""


def review_url(target):
    """The moderation page of an item (a person is reviewed in one territory: it says which)."""
    url = f"/moderation/item/{target.type}/{target.id}"
    return f"{url}?territory={target.territory_id}" if target.type == "user" else url


def _title(target):
    """The title the notice quotes, and its language: the proposal's (a comment's proposal's);
    none for a person, whom the moderation page names."""
    if target is None or target.type == "user":
        return quoted_title(None)
    return quoted_title(target.obj if target.type == "proposal" else target.obj.proposal)


def _item_payload(target):
    return {"target_type": target.type, "target_id": target.id, **_title(target),
            "territory_id": target.territory_id, "territory_name": _territory_name(target.territory_id)}


def awaiting_moderation(target_type, item):
    """A proposal or comment (just posted, or edited) waits in the pre-moderation queue."""
    from ..moderation.services import load_target

    target = load_target(target_type, item.id)
    return _tell_team(target.territory_id, "moderation_queue", _item_payload(target), review_url(target),
                      exclude=(target.author_id,))


def item_reported(report, target):
    """An item is reported: its team hears it once, at its first open report (the next ones
    join the queue silently until the moderators close them)."""
    from ..moderation.models import Report

    open_reports = db.session.scalar(db.select(db.func.count(Report.id)).where(
        Report.target_type == target.type, Report.target_id == target.id,
        Report.territory_id == target.territory_id, Report.status == "open"))
    if open_reports != 1:
        return []
    return _tell_team(target.territory_id, "item_reported", _item_payload(target), review_url(target),
                      exclude=(report.reporter_id, target.author_id))


def appeal_filed(appeal):
    """An appeal awaits review by the team, but not by the moderator whose decision it contests."""
    from ..moderation.services import load_target

    action = appeal.action
    target = load_target(action.target_type, action.target_id, action.territory_id)
    payload = {"appeal_id": appeal.id, "action_id": action.id, "action": action.action,
               "target_type": action.target_type, **_title(target),
               "territory_id": action.territory_id, "territory_name": _territory_name(action.territory_id)}
    return _tell_team(action.territory_id, "appeal_filed", payload, f"/moderation/appeals/{appeal.id}",
                      exclude=(appeal.author_id, action.moderator_id))


def settled(kinds, territory_id, **about):
    """Someone of the team handled what notices of `kinds` said awaited it (the payload's values
    in `about`): they are marked read for everyone who got them (the team, and those who left
    it since), and left out of the digests not sent yet, so that nobody is sent to what is done."""
    payload = Notification.payload
    match = [Notification.kind.in_(kinds),
             payload["territory_id"].as_integer() == territory_id,
             *((payload[key].as_integer() if isinstance(value, int) else payload[key].as_string()) == value
               for key, value in about.items())]
    db.session.execute(db.update(Notification).where(
        *match, Notification.email_state == "pending", Notification.digest_claimed_by.is_(None))
        .values(email_state="skipped").execution_options(synchronize_session=False))
    db.session.execute(db.update(Notification).where(*match, Notification.read_at.is_(None))
                       .values(read_at=utcnow()).execution_options(synchronize_session=False))


def item_handled(target):
    """A decision on an item settles the notices of its wait in the queue and of its reports."""
    settled(("moderation_queue", "item_reported"), target.territory_id, target_type=target.type,
            target_id=target.id)


def withdrawn_from_queue(target):
    """Its author deleted an item that awaited moderation: nobody is to review it any more, as if a
    decision had settled it (its open reports, if any, stay in the queue, and their notices too)."""
    settled(("moderation_queue",), target.territory_id, target_type=target.type, target_id=target.id)


def appeal_handled(appeal):
    settled(("appeal_filed",), appeal.action.territory_id, appeal_id=appeal.id)


def work_url(membership):
    """Where a member of a territory's team works: the administration, or the territory's queue."""
    return "/admin/" if membership.role == "admin" else f"/moderation/?territory={membership.territory_id}"


def appointed(membership, actor=None):
    """A person joins a territory's team: where their new work is."""
    if actor is not None and actor.id == membership.user_id:
        return None
    territory_id = membership.territory_id
    url = work_url(membership)
    payload = {"role": membership.role, "territory_id": territory_id,
               "territory_name": _territory_name(territory_id)}
    return notify(membership.user_id, "team_appointed", payload, url)
