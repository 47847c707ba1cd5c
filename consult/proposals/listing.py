"""The list of proposals of one consultation: filters, search, sorts, pagination.

Every page costs the same few queries whatever the page size or the number of proposals:
ids are read in index order (one arm per visible status, merged by the database with
UNION ALL ... ORDER BY), then the page's proposals are loaded with their author and
category in one query; a moderator of the territory, one more for the open reports of the page.

The default order is random but stable for one visitor: each proposal has a fixed random
number (`random_key`); a visitor's seed gives a pivot, and the list starts at the first
proposal whose key is at or above the pivot, then wraps around to the smallest keys.
"""
import hashlib
import math
import secrets
from dataclasses import dataclass, field

from flask import current_app, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import and_, func, literal, or_, union_all
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, SearchField, SelectChoice, SelectField

from ..core.kept import forget, kept
from ..core.urls import bounded_int
from ..database import matching_words
from ..extensions import db
from ..i18n import localized
from ..permissions import can_moderate, is_signed_in
from .labels import ANSWER_LABELS, STATUS_LABELS  # noqa: F401  (re-exported for the views)
from .models import ANSWER_STATES, Proposal
from .cards import cards_for
from .review import to_review

PER_PAGE = 20
RANDOM_KEY_MAX = 2**31 - 1
SEED_SESSION_KEY = "proposals_seed"
SEED_ARG = "order"
MAX_KEYWORDS = 8

SORTS = {
    "random": _l("Random order"),
    "supported": _l("Most supported"),  # for minus against in that mode: sort_choices()
    "commented": _l("Most commented"),
    "newest": _l("Newest"),
}
OWN_EXTRA_STATUSES = ("pending", "hidden")
UNANSWERED = "unanswered"  # the status filter of the published proposals without an official answer


def choices(pairs):
    """SelectField options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class ListingForm(FlaskForm):
    """The filter form, sent with GET; unknown values fall back to the defaults."""

    class Meta:
        csrf = False

    q = SearchField(_l("Search"))
    category = SelectField(_l("Category"), choices=[], validate_choice=False)
    status = SelectField(_l("Status"), choices=[], validate_choice=False)
    mine = BooleanField(_l("Only my proposals"))
    sort = SelectField(_l("Sort by"), choices=[], validate_choice=False)


@dataclass
class Listing:
    proposals: list
    page: int
    pages: int
    total: int
    per_page: int
    sort: str
    form: ListingForm
    args: dict = field(default_factory=dict)

    @property
    def filtered(self):
        """Whether a filter or a search narrows the list (a sort does not)."""
        return any(name not in ("sort", SEED_ARG) for name in self.args)

    def page_args(self, page):
        """The query-string arguments of another page of the same list."""
        return {**self.args, "page": page}

    def url(self, page=None):
        """This page's address (for the filter form), or another page of the same list."""
        values = dict(request.view_args or {})
        if page is not None:
            values.update(self.page_args(page))
        return url_for(request.endpoint, **values) + "#proposals"


# The random order has this many variants (each starts at another place of the ring of
# random keys): enough that every proposal gets its turn near the top, few enough that a
# cached page of each variant serves many visitors.
RANDOM_ORDERS = 16


def visitor_seed():
    """The variant of the random order kept in the visitor's session, so that the order stays
    put from one page to the next. The links to the other pages also carry it (`order`), for
    a visitor who keeps no cookie: a link's order wins, and is kept."""
    seed = bounded_int(request.args.get(SEED_ARG), minimum=0, maximum=RANDOM_ORDERS - 1)
    if seed is not None:
        if session.get(SEED_SESSION_KEY) != seed:
            session[SEED_SESSION_KEY] = seed
        return seed
    seed = session.get(SEED_SESSION_KEY)
    if not isinstance(seed, int) or not 0 <= seed < RANDOM_ORDERS:
        seed = secrets.randbelow(RANDOM_ORDERS)
        session[SEED_SESSION_KEY] = seed
    return seed


def pivot_for(seed):
    digest = hashlib.sha256(str(seed).encode()).digest()
    return int.from_bytes(digest[:8], "big") % RANDOM_KEY_MAX


def _int_arg(args, name, default):
    try:
        return int(args.get(name, default))
    except (TypeError, ValueError):
        return default


def sort_choices(consultation):
    """The sorts, named for the consultation's vote mode: in for/against, the most supported
    are those with the most votes for once the votes against are taken off, as on the results."""
    if consultation.vote_mode != "for_against":
        return list(SORTS.items())
    return [(key, _l("Most supported (for minus against)") if key == "supported" else label)
            for key, label in SORTS.items()]


def _build_form(consultation, user, args):
    if not hasattr(args, "getlist"):
        args = MultiDict(args or {})
    form = ListingForm(formdata=args)
    form.category.choices = choices([("", _l("All categories"))] + [
        (str(c.id), localized(c.name)) for c in consultation.categories
    ])
    form.status.choices = choices([("", _l("All statuses")), ("published", STATUS_LABELS["published"]),
                                   ("withdrawn", STATUS_LABELS["withdrawn"]), (UNANSWERED, _l("Not answered yet"))]
                                  + list(ANSWER_LABELS.items()))
    form.sort.choices = choices(sort_choices(consultation))
    if not is_signed_in(user):
        del form.mine
    return form


def _clean_filters(form, consultation):
    category_ids = {str(c.id) for c in consultation.categories}
    statuses = {c.value for c in form.status.choices}
    return {
        "q": (form.q.data or "").strip()[:200],
        "category": form.category.data if form.category.data in category_ids else "",
        "status": form.status.data if form.status.data in statuses else "",
        "mine": bool("mine" in form and form.mine.data),
        "sort": form.sort.data if form.sort.data in SORTS else "random",
    }


def _arms(consultation, user, filters):
    """One WHERE clause per status, each readable in index order: the public ones, and the
    viewer's own proposals awaiting moderation or hidden."""
    base = [Proposal.consultation_id == consultation.id]
    if filters["category"]:
        base.append(Proposal.category_id == int(filters["category"]))
    base.extend(matching_words(Proposal.search_text, filters["q"], MAX_KEYWORDS))
    signed_in = is_signed_in(user)
    if filters["mine"] and signed_in:
        base.append(Proposal.author_id == user.id)
    status = filters["status"]
    if status in ANSWER_STATES:
        base.append(Proposal.answer_state == status)
    elif status == UNANSWERED:  # what the town has still to answer: a withdrawn proposal awaits nothing
        base.append(Proposal.answer_state.is_(None))
    public, own = [], []
    for visible in ("published", "withdrawn"):
        if status in ("", visible) or status in ANSWER_STATES or (status == UNANSWERED and visible == "published"):
            public.append(and_(*base, Proposal.status == visible))
    if signed_in and status == "":
        own.extend(_unpublished_arms(consultation, user, base))
    return public, own


def _unpublished_arms(consultation, user, base):
    """The proposals the public does not see that this person finds in the list: their own
    awaiting moderation or hidden, and for the territory's moderators every proposal awaiting
    approval (the queue's), one arm per status."""
    if not can_moderate(user, consultation.territory_id):
        return [and_(*base, Proposal.status.in_(OWN_EXTRA_STATUSES), Proposal.author_id == user.id)]
    return [and_(*base, Proposal.status == "pending"),
            and_(*base, Proposal.status == "hidden", Proposal.author_id == user.id)]


# Sort keys: the indexed column of ix_proposal_listing_* (then the id, to break ties).
ORDERS = {
    "random": ("random_key", False),
    "supported": ("votes_score", True),
    "commented": ("comments_count", True),
    "newest": ("created_at", True),
}


def _page_ids(arms, sort, offset, limit, pivot=None):
    """Ids of one page, in one query whatever the page or the data size.

    Each arm (one status, with the filters) is read from its index in the sort order and cut
    at offset + limit rows (an index range scan with LIMIT, cheap on SQLite and PostgreSQL);
    only those few rows are then merged and sorted to cut the page. For the random order
    each arm has two sections, keys at or above the pivot first, then the others, so that
    the list wraps around.
    """
    name, desc = ORDERS[sort]
    table = Proposal.__table__.c
    key = table[name]
    enough = offset + limit
    sections = [(0, ())]
    if sort == "random":
        sections = [(0, (key >= pivot,)), (1, (key < pivot,))]
    parts = []
    for section, extra in sections:
        for arm in arms:
            rows = (db.select(table.id, key.label("sort_key")).where(arm, *extra)
                    .order_by(key.desc() if desc else key).limit(enough).subquery())
            parts.append(db.select(rows.c.id, literal(section).label("section"), rows.c.sort_key))
    merged = union_all(*parts).subquery("page") if len(parts) > 1 else parts[0].subquery("page")
    ties = (merged.c.sort_key.desc(), merged.c.id.desc()) if desc else (merged.c.sort_key, merged.c.id)
    stmt = db.select(merged.c.id).order_by(merged.c.section, *ties).offset(offset).limit(limit)
    return list(db.session.scalars(stmt))


# Counting every visible proposal costs a scan of the consultation's index range, which
# grows with the data: the public part of the count is kept a few seconds per process.

def forget_counts(consultation_id):
    """Drop this process's cached counts of a consultation (after a change)."""
    forget("proposal counts", lambda key: key[0] == consultation_id)


def _count(arms, cache_key=None):
    if not arms:
        return 0

    def count():
        return db.session.scalar(db.select(func.count(Proposal.id)).where(or_(*arms))) or 0

    if cache_key is None:
        return count()
    return kept("proposal counts", cache_key, current_app.config.get("PROPOSAL_COUNT_CACHE_SECONDS", 0), count)


def load_proposals(ids):
    """The proposals of these ids, in this order, with author and category (one query)."""
    if not ids:
        return []
    rows = db.session.scalars(
        db.select(Proposal).where(Proposal.id.in_(ids))
        .options(joinedload(Proposal.author), joinedload(Proposal.category))
    ).unique()
    by_id = {p.id: p for p in rows}
    return [by_id[i] for i in ids if i in by_id]


def my_votes_for(user, ids):
    if not is_signed_in(user) or not ids:
        return {}
    from ..votes.services import my_votes

    return my_votes(user, ids)


def build_listing(consultation, user, args, seed=None, per_page=PER_PAGE):
    form = _build_form(consultation, user, args)
    filters = _clean_filters(form, consultation)
    public, own = _arms(consultation, user, filters)
    arms = public + own
    key = (consultation.id, filters["q"], filters["category"], filters["status"],
           user.id if filters["mine"] else None)
    total = _count(public, key) + _count(own)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, _int_arg(args, "page", 1)), pages)
    offset = (page - 1) * per_page
    pivot = None
    kept = {k: v for k, v in filters.items() if v and not (k == "sort" and v == "random")}
    if filters["sort"] == "random":
        seed = visitor_seed() if seed is None else seed
        pivot = pivot_for(seed)
        kept[SEED_ARG] = seed  # the other pages in the same order, even without a cookie
    ids = _page_ids(arms, filters["sort"], offset, per_page, pivot) if total else []
    if kept.get("mine"):
        kept["mine"] = "y"
    return Listing(proposals=load_proposals(ids), page=page, pages=pages, total=total,
                   per_page=per_page, sort=filters["sort"], form=form, args=kept)


def listing_context(consultation, user, args, seed=None):
    """What templates/proposals/_listing.html needs; merge it into the page's context."""
    listing = build_listing(consultation, user, args, seed)
    ids = [p.id for p in listing.proposals]
    return {
        "listing": listing,
        "cards": cards_for(listing.proposals, consultation, to_review(user, consultation, listing.proposals)),
        "my_votes": my_votes_for(user, ids),
        "answer_labels": ANSWER_LABELS,
        "status_labels": STATUS_LABELS,
    }
