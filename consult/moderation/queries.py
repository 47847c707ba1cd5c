"""Read-side of moderation: the review queue, the audit log and transparency statistics.

Each function runs a fixed number of queries whatever the number of items.
"""
from collections import Counter, defaultdict

from sqlalchemy import func, literal, literal_column, or_, union_all
from sqlalchemy.orm import aliased, selectinload

from ..auth.models import User
from ..comments.models import Comment
from ..consultations.models import Consultation
from ..core.localtime import month_starts, period_index, platform_zone, utc_day_bounds, utc_midnight
from ..extensions import db
from ..proposals.models import Proposal
from ..territories.models import Territory
from .models import Appeal, ModerationAction, Report
from .queue_filters import QueueFilters

# The logged decisions that count in a person's moderation history.
SANCTIONS = ("hide", "auto_hide", "reject", "warn", "block")
# A moderator's decision that settles an automatic hiding (confirms or undoes it; a dismissal
# logged before dismissals were logged as restorations too).
SETTLING = ("hide", "reject", "restore", "dismiss", "approve")


def _sanction():
    """The condition of a logged sanction that counts: an automatic hiding counts until a
    moderator settles it, then their decision counts instead (one item, one decision)."""
    later = db.aliased(ModerationAction)
    settled = db.exists().where(later.target_type == ModerationAction.target_type,
                                later.target_id == ModerationAction.target_id, later.id > ModerationAction.id,
                                later.action.in_(SETTLING))
    return ModerationAction.action.in_(SANCTIONS) & ~((ModerationAction.action == "auto_hide") & settled)


class QueueItem:
    def __init__(self, target_type, target_id, territory_id, report_count, since):
        self.target_type, self.target_id, self.territory_id = target_type, target_id, territory_id
        self.report_count, self.since = report_count, since
        self.obj = None
        self.reports = []
        self.history = 0
        self.territory = None
        self.latest = 0  # the latest decision on it, which a decision taken from the queue has seen

    @property
    def author(self):
        if self.obj is None:
            return None
        return self.obj if self.target_type == "user" else self.obj.author

    @property
    def latest_report(self):
        """The newest of its open reports, all shown, which a decision taken from the queue has seen (0: none)."""
        return max((report.id for report in self.reports), default=0)


def _of_consultation(consultation_id):
    """The condition of an open report being about a proposal or a comment of the consultation."""
    proposals = db.select(Proposal.id).where(Proposal.consultation_id == consultation_id)
    comments = (db.select(Comment.id).join(Proposal, Comment.proposal_id == Proposal.id)
                .where(Proposal.consultation_id == consultation_id))
    return or_((Report.target_type == "proposal") & Report.target_id.in_(proposals),
               (Report.target_type == "comment") & Report.target_id.in_(comments))


def _queue(territory_ids, filters):
    """One row per item of the queue (target_type, target_id, territory_id, report_count, since):
    the items with open reports, counted and dated by their first report (a person may be
    reported in two territories: two items), and the proposals and comments awaiting approval
    with none, dated by their creation. Each is read from an index of what awaits a decision
    (ix_report_open, ix_comment_pending; pending proposals: ix_proposal_listing_created).
    Only the items the `filters` (queue_filters.QueueFilters) let through."""
    consultation_id = filters.consultation_id
    reported = (db.select(Report.target_type, Report.target_id, Report.territory_id,
                          func.count().label("report_count"), func.min(Report.created_at).label("since"))
                .where(Report.status == "open", Report.territory_id.in_(territory_ids), *filters.of_reports())
                .group_by(Report.target_type, Report.target_id, Report.territory_id)
                .having(*filters.of_items()))
    if consultation_id is not None:
        reported = reported.where(_of_consultation(consultation_id))

    def unreported(target_type, target_id):
        return ~db.exists().where(Report.status == "open", Report.target_type == target_type,
                                  Report.target_id == target_id, Report.territory_id == Consultation.territory_id)

    no_report = literal_column("0")
    of_consultation = [] if consultation_id is None else [Proposal.consultation_id == consultation_id]
    parts = [reported]
    if filters.holds_unreported("proposal"):
        parts.append(
            db.select(literal("proposal"), Proposal.id, Consultation.territory_id, no_report, Proposal.created_at)
            .join(Consultation, Proposal.consultation_id == Consultation.id)
            .where(Proposal.status == "pending", Consultation.territory_id.in_(territory_ids),
                   unreported("proposal", Proposal.id), *of_consultation))
    if filters.holds_unreported("comment"):
        parts.append(
            db.select(literal("comment"), Comment.id, Consultation.territory_id, no_report, Comment.created_at)
            .join(Proposal, Comment.proposal_id == Proposal.id)
            .join(Consultation, Proposal.consultation_id == Consultation.id)
            .where(Comment.status == "pending", Consultation.territory_id.in_(territory_ids),
                   unreported("comment", Comment.id), *of_consultation))
    return union_all(*parts).subquery()


def build_queue(territory_ids, page=1, per_page=20, filters=QueueFilters()):
    """(items of the page, total): items with open reports or awaiting approval (only those the
    `filters` let through), the most reported first, then the longest waiting.
    Counted and paged in SQL: two queries read the page's keys and the total whatever the size
    of the queue."""
    if not territory_ids:
        return [], 0
    queue = _queue(list(territory_ids), filters)
    total = db.session.scalar(db.select(func.count()).select_from(queue))
    rows = db.session.execute(  # the key last: one order, so that no item is on two pages, or on none
        db.select(queue).order_by(queue.c.report_count.desc(), queue.c.since, queue.c.target_type,
                                  queue.c.target_id, queue.c.territory_id)
        .limit(per_page).offset((page - 1) * per_page)).all()
    items = [QueueItem(*row) for row in rows]
    if not items:
        return [], total
    by_type = defaultdict(list)
    for item in items:
        by_type[item.target_type].append(item.target_id)
    objects = {}
    if by_type["proposal"]:
        for p in db.session.scalars(db.select(Proposal).where(Proposal.id.in_(by_type["proposal"]))
                                    .options(selectinload(Proposal.author), selectinload(Proposal.consultation))):
            objects[("proposal", p.id)] = p
    if by_type["comment"]:
        for c in db.session.scalars(db.select(Comment).where(Comment.id.in_(by_type["comment"]))
                                    .options(selectinload(Comment.author), selectinload(Comment.proposal))):
            objects[("comment", c.id)] = c
    if by_type["user"]:
        for u in db.session.scalars(db.select(User).where(User.id.in_(by_type["user"]))):
            objects[("user", u.id)] = u
    reports = defaultdict(list)
    for ttype, ids in by_type.items():
        if not ids:  # asking by_type["user"] above made the key
            continue
        for r in db.session.scalars(db.select(Report).where(
                Report.target_type == ttype, Report.target_id.in_(ids), Report.status == "open",
                Report.territory_id.in_(territory_ids)).order_by(Report.created_at)):
            reports[(ttype, r.target_id, r.territory_id)].append(r)
    territories = {t.id: t for t in db.session.scalars(
        db.select(Territory).where(Territory.id.in_({i.territory_id for i in items})))}
    latest = _latest_decisions(by_type, territory_ids)
    for item in items:
        key = (item.target_type, item.target_id, item.territory_id)
        item.obj = objects.get(key[:2])
        item.reports = reports.get(key, [])
        item.territory = territories.get(item.territory_id)
        item.latest = latest.get(key, 0)
    items = [i for i in items if i.obj is not None]
    history = history_counts({i.author.id for i in items})
    for item in items:
        item.history = history.get(item.author.id, 0)
    return items, total


def _latest_decisions(by_type, territory_ids):
    """{(target type, id, territory id): the id of the latest decision on it}, in one query."""
    of_items = or_(*((ModerationAction.target_type == ttype) & ModerationAction.target_id.in_(ids)
                     for ttype, ids in by_type.items() if ids))
    return {(ttype, target_id, territory_id): latest for ttype, target_id, territory_id, latest in db.session.execute(
        db.select(ModerationAction.target_type, ModerationAction.target_id, ModerationAction.territory_id,
                  func.max(ModerationAction.id))
        .where(of_items, ModerationAction.territory_id.in_(territory_ids))
        .group_by(ModerationAction.target_type, ModerationAction.target_id, ModerationAction.territory_id))}


def history_counts(user_ids):
    """{user id: number of past decisions about their content or account}."""
    if not user_ids:
        return {}
    return dict(db.session.execute(
        db.select(ModerationAction.subject_user_id, func.count())
        .where(ModerationAction.subject_user_id.in_(user_ids), _sanction())
        .group_by(ModerationAction.subject_user_id)).all())


def appeals_query(territory_ids, decided=False):
    stmt = (db.select(Appeal).join(ModerationAction, Appeal.action_id == ModerationAction.id)
            .where(ModerationAction.territory_id.in_(territory_ids))
            .options(selectinload(Appeal.action).selectinload(ModerationAction.moderator),
                     selectinload(Appeal.author), selectinload(Appeal.decided_by)))
    if decided:
        return stmt.where(Appeal.decision.is_not(None)).order_by(Appeal.decided_at.desc())
    return stmt.where(Appeal.decision.is_(None)).order_by(Appeal.created_at)


def _log_filters(territory_ids, action=None, moderator_id=None, start=None, end=None):
    where = [ModerationAction.territory_id.in_(territory_ids)]
    if action:
        where.append(ModerationAction.action == action)
    if moderator_id:
        where.append(ModerationAction.moderator_id == moderator_id)
    lower, upper = utc_day_bounds(start, end, platform_zone())  # whole days of the platform's time zone
    if lower:
        where.append(ModerationAction.created_at >= lower)
    if upper:
        where.append(ModerationAction.created_at < upper)
    return where


_LOG_ORDER = (ModerationAction.created_at.desc(), ModerationAction.id.desc())


def log_query(territory_ids, **filters):
    """The log's entries (newest first), with their moderator and the person concerned, for a
    page of them. Filters: action, moderator_id, start and end (dates of the platform's time zone)."""
    return (db.select(ModerationAction).where(*_log_filters(territory_ids, **filters))
            .options(selectinload(ModerationAction.moderator), selectinload(ModerationAction.subject_user))
            .order_by(*_LOG_ORDER))


def log_download_query(territory_ids, **filters):
    """The same entries as plain rows, with `moderator_name` and `subject_name` and when their
    account was deleted (`moderator_deleted_at`, `subject_deleted_at`: auth.models.shown_name): a
    download of the whole log reads them a thousand at a time (yield_per), with no ORM object per entry."""
    moderator, subject = aliased(User), aliased(User)
    return (db.select(*ModerationAction.__table__.c, moderator.display_name.label("moderator_name"),
                      moderator.deleted_at.label("moderator_deleted_at"), subject.display_name.label("subject_name"),
                      subject.deleted_at.label("subject_deleted_at"))
            .outerjoin(moderator, moderator.id == ModerationAction.moderator_id)
            .outerjoin(subject, subject.id == ModerationAction.subject_user_id)
            .where(*_log_filters(territory_ids, **filters)).order_by(*_LOG_ORDER)
            .execution_options(yield_per=1000))


def staff_of(territory_ids):
    """People who moderate these territories, or decided in their log while they did (for the
    log's moderator filter: what a former moderator decided is still asked for)."""
    from ..territories.models import Membership

    members = db.select(Membership.user_id).where(Membership.territory_id.in_(territory_ids))
    deciders = db.select(ModerationAction.moderator_id).where(ModerationAction.territory_id.in_(territory_ids))
    return db.session.scalars(db.select(User).where(or_(User.id.in_(members), User.id.in_(deciders)))
                              .order_by(User.folded_name, User.id)).all()


def transparency(territory_id, now, months=12):
    """(months newest first, rules, {(month, rule): count}, {month: total}, {month: reversed})
    over the last months of the platform's time zone, each month the date of its first day: a
    decision reversed on appeal counts apart, not with the others. One query."""
    zone = platform_zone()
    starts = month_starts(now, zone, months)
    dated = (db.select(period_index(ModerationAction.created_at, starts, zone).label("slot"),
                       func.coalesce(ModerationAction.rule, "other").label("rule"),
                       (func.coalesce(Appeal.decision, "") == "reversed").label("reversed"))
             .outerjoin(Appeal, Appeal.action_id == ModerationAction.id)
             .where(ModerationAction.territory_id == territory_id,
                    ModerationAction.created_at >= utc_midnight(starts[0], zone), _sanction())).subquery()
    rows = db.session.execute(db.select(dated.c.slot, dated.c.rule, dated.c.reversed, func.count())
                              .group_by(dated.c.slot, dated.c.rule, dated.c.reversed)).all()
    counts, reversed_, totals = Counter(), Counter(), Counter()
    for slot, rule, was_reversed, n in rows:
        month = starts[int(slot)]
        if was_reversed:
            reversed_[month] += n
        else:
            counts[(month, rule)] += n
            totals[month] += n
    month_list = sorted(set(totals) | set(reversed_), reverse=True)
    rules = sorted({r for _, r in counts})
    return month_list, rules, counts, totals, reversed_


def targets_of(actions):
    """{(type, id): proposal, comment or user} for a list of decisions, one query per kind."""
    by_type = defaultdict(set)
    for a in actions:
        by_type[a.target_type].add(a.target_id)
    models = {"proposal": Proposal, "comment": Comment, "user": User}
    loads = {"comment": (selectinload(Comment.proposal),)}  # a comment's decision names its proposal
    found = {}
    for ttype, ids in by_type.items():
        model = models.get(ttype)
        if model is None:
            continue
        for obj in db.session.scalars(db.select(model).where(model.id.in_(ids)).options(*loads.get(ttype, ()))):
            found[(ttype, obj.id)] = obj
    return found
