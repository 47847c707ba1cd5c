"""The proposal listing kept for every signed-in resident, and filled for each of them.

The page is rendered once (per language, address and random order) with a marker wherever
it depends on the person: the account menu, each vote box, the "make a proposal" button,
the "(your proposal)" hint. Serving it to someone takes one query — about the person (votes
used, unread notifications, and whether the cached page suits them at all) and about the
proposals of the page (their counts and status now, and the person's own votes) — and the
markers are replaced by the person's fragments, which are themselves
kept per exact inputs (votes.boxes.vote_box). Counts and the person's votes are therefore
always exact; only the rest of the page (titles, order, comment counts) may be a few
seconds old, as for anonymous visitors.

Served fresh instead: people with a role (their menu differs), people who have proposals
only they can see (pending or hidden), the "my proposals" filter, and anyone for a few
seconds after changing a proposal of their own (`after_own_change`).
"""
import re
import time
from dataclasses import dataclass

from flask import g, request, session
from markupsafe import Markup
from sqlalchemy import and_, bindparam, exists, func, literal, select

from ..consultations.rules import ConsultationRules
from ..extensions import db
from .tokens import CSRF_PLACEHOLDER

LISTING = re.compile(r"^/consultations/(\d+)/proposals/?$")
MARKER = re.compile("\x00(menu|vote|propose|yours):(\\d*)\x00")
BYPASS_KEY = "_fresh_pages_until"


@dataclass
class Person:
    user: object
    votes_used: int
    unread: int
    proposals: dict | None  # id -> (status, 3 counts, the person's vote), None: not read yet


@dataclass
class SharedPage:
    parts: list  # text, then (kind, key) markers, alternately
    rules: ConsultationRules
    titles: dict  # proposal id -> title, for the vote boxes


@dataclass
class ProposalNow:
    """A proposal as its vote box shows it: title from the page, the rest read now."""
    id: int
    title: str
    status: str
    votes_for: int
    votes_against: int
    votes_abstain: int


# --- rendering the shared page ---------------------------------------------------------------

def is_shared_render():
    return bool(g.get("_shared_render"))


def start_shared_render():
    g._shared_render = True
    g._shared_titles = {}


def stop_shared_render():
    """The request answers with something else than the page (an error page): rendered for the
    person at once, since only the page is shared and filled."""
    g._shared_render = False


def marker(kind, key=""):
    return Markup(f"\x00{kind}:{key}\x00")


def slot(kind, key, render):
    """`render()`, or its marker when the page is rendered to be shared."""
    return marker(kind, key) if is_shared_render() else render()


def vote_box_slot(proposal, render):
    if is_shared_render():
        g._shared_titles[proposal.id] = proposal.title
        return marker("vote", proposal.id)
    return render()


def remember(consultation):
    """The view of a shared page names its consultation: its rules fill the markers."""
    if is_shared_render():
        g._shared_rules = ConsultationRules.of(consultation)


def shared_page(body):
    pieces = MARKER.split(body)
    parts = [pieces[0]]
    for i in range(1, len(pieces), 3):
        kind, key = pieces[i], pieces[i + 1]
        parts.append((kind, int(key) if key else None))
        parts.append(pieces[i + 2])
    return SharedPage(parts=parts, rules=g._shared_rules, titles=dict(g._shared_titles))


# --- who may be served the shared page -----------------------------------------------------------

def after_own_change():
    """The person just changed a proposal of theirs: show them fresh pages for a while."""
    from . import seconds

    session[BYPASS_KEY] = int(time.time()) + seconds() + 1


def _query():
    """One statement: the person (votes used, unread notifications, proposals only they see,
    a role), then each proposal of the page (status and counts now, the person's vote)."""
    from ..notifications.models import Notification
    from ..proposals.listing import OWN_EXTRA_STATUSES
    from ..proposals.models import Proposal
    from ..territories.models import Membership
    from ..votes.models import Participation, Vote

    person, consultation = bindparam("person"), bindparam("consultation")
    used = (select(Participation.votes_used)
            .where(Participation.user_id == person, Participation.consultation_id == consultation)
            .scalar_subquery())
    unread = (select(func.count(Notification.id))
              .where(Notification.user_id == person, Notification.read_at.is_(None)).scalar_subquery())
    own_extra = exists().where(and_(Proposal.consultation_id == consultation, Proposal.author_id == person,
                                    Proposal.status.in_(OWN_EXTRA_STATUSES)))
    # permissions.staff_territory_ids(user) in SQL (any role in a territory): staff, like platform
    # admins, get a fresh page, so the shared page's menu never shows moderation or administration.
    staff = exists().where(Membership.user_id == person)
    about = select(func.coalesce(used, literal(0)).label("used"), unread.label("unread"),
                   own_extra.label("own_extra"), staff.label("staff")).subquery()
    return (select(about, Proposal.id, Proposal.status, Proposal.votes_for, Proposal.votes_against,
                   Proposal.votes_abstain, Vote.value)
            .select_from(about.outerjoin(Proposal, Proposal.id.in_(bindparam("ids", expanding=True)))
                         .outerjoin(Vote, and_(Vote.proposal_id == Proposal.id, Vote.user_id == person))))


_QUERY = None


def _vote_ids(page):
    return [part[1] for part in page.parts if type(part) is tuple and part[0] == "vote"] if page else []


def _read(user_id, consultation_id, ids):
    global _QUERY
    if _QUERY is None:
        _QUERY = _query()
    return db.session.connection().execute(
        _QUERY, {"person": user_id, "consultation": consultation_id, "ids": ids}).all()


def person_for_request(user, page):
    """The person, when the shared listing suits them (else None: render it for them), with
    what the page needs of them: one query."""
    match = LISTING.match(request.path)
    if match is None or request.args.get("mine") or user.is_platform_admin:
        return None
    if session.get(BYPASS_KEY, 0) > time.time():
        return None
    consultation_id = int(match.group(1))
    rows = _read(user.id, consultation_id, _vote_ids(page))
    used, unread, own_extra, staff = rows[0][:4]
    if own_extra or staff:
        return None
    return Person(user=user, votes_used=used, unread=unread,
                  proposals={row[4]: row[5:] for row in rows if row[4] is not None} if page else None)


# --- filling it for one person ---------------------------------------------------------------------

def fill(page, person):
    """The shared page, made this person's."""
    from flask_wtf.csrf import generate_csrf

    from ..core.menu import render_account_menu
    from ..proposals.slots import propose_button, your_proposal_hint
    from ..votes.boxes import vote_box, vote_state

    user, rules = person.user, page.rules
    rows = person.proposals
    if rows is None:  # the page was just rendered: read its proposals now
        rows = {row[4]: row[5:] for row in _read(user.id, rules.id, _vote_ids(page)) if row[4] is not None}
    vote_state(rules, votes_used=person.votes_used)  # the person is the request's: current_user

    out = []
    for part in page.parts:
        if type(part) is str:
            out.append(part)
            continue
        kind, key = part
        if kind == "vote":
            row = rows.get(key)
            if row is not None:
                proposal = ProposalNow(key, page.titles.get(key, ""), *row[:4])
                out.append(vote_box(rules, proposal, row[4]))
        elif kind == "menu":
            out.append(render_account_menu(moderation=False, administration=False, unread=person.unread))
        elif kind == "propose":
            out.append(propose_button(rules))
        elif kind == "yours" and key == user.id:
            out.append(your_proposal_hint())
    return "".join(out).replace(CSRF_PLACEHOLDER, generate_csrf())
