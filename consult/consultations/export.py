"""A consultation's contributions, for the people who write its report (its « bilan ») and
anybody who wants to read them all: every proposal the public sees, with its whole text and
its place, and every published comment, with the proposal it is about. Spreadsheet CSV
(core/csvfiles.py): headers and values in the reader's language, dates in the platform's time
zone, decimals with the reader's separator. Authors by their display name only, as on the pages.
The rows are read a thousand at a time (a consultation may hold 100,000 proposals and many more
comments) into the file, which is sent once written (core/csvfiles.py)."""
from functools import partial

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import pgettext
from sqlalchemy import select

from ..auth.models import User, shown_name
from ..comments.forms import STANCE_LABELS
from ..comments.models import Comment
from ..core.localtime import platform_zone, spreadsheet_text
from ..extensions import db
from ..i18n import current_locale, localized
from ..mail import absolute
from ..permissions import VISIBLE_PROPOSAL_STATUSES
from ..proposals.labels import ANSWER_LABELS, STATUS_LABELS
from ..proposals.models import Proposal
from .models import Category

BATCH = 1000


def filename(consultation, what):
    return f"consultation-{consultation.id}-{what}-excel.csv"


def _zone():
    return platform_zone().key


def proposal_header(consultation):
    return [_("Proposal no."), _("Title"), _("Description"), _("Author"), _("Category"), _("Status"), _("Address"),
            _("Latitude"), _("Longitude"), _("Supports") if consultation.vote_mode == "support" else _("For"),
            _("Against"), _("Abstain"), _("Comments"), _("Official answer"),
            _("Posted on (%(zone)s)", zone=_zone()), _("Link")]


def comment_header():
    return [_("Comment no."), _("Proposal no."), _("Proposal"), _("In reply to comment no."), _("Author"),
            _("Position"), _("Comment"), pgettext("comment", "Posted on (%(zone)s)", zone=_zone()),
            _("Link")]


def _rows(query):
    return db.session.execute(query.execution_options(yield_per=BATCH))


def _number(value):
    """A decimal as the reader's spreadsheet reads it (a comma in French)."""
    return "" if value is None else format_decimal(value, "0.######")


def proposal_rows(consultation_id):
    """One row per proposal the public sees, oldest first."""
    locale, moment = current_locale(), partial(spreadsheet_text, zone=platform_zone())
    query = (select(Proposal.id, Proposal.title, Proposal.body, User.name, User.deleted_at, Category.name,
                    Proposal.status, Proposal.address, Proposal.latitude, Proposal.longitude, Proposal.votes_for,
                    Proposal.votes_against, Proposal.votes_abstain, Proposal.comments_count,
                    Proposal.answer_state, Proposal.created_at)
             .join(User, User.id == Proposal.author_id).outerjoin(Category, Category.id == Proposal.category_id)
             .where(Proposal.consultation_id == consultation_id, Proposal.status.in_(VISIBLE_PROPOSAL_STATUSES))
             .order_by(Proposal.id))
    for (id, title, body, author, deleted_at, category, status, address, latitude, longitude, votes_for,
         against, abstain, comments, answer, created_at) in _rows(query):
        yield [id, title, body, shown_name(author, deleted_at), localized(category, locale) if category else "",
               str(STATUS_LABELS[status]), address or "", _number(latitude), _number(longitude), votes_for,
               against, abstain, comments, str(ANSWER_LABELS[answer]) if answer else "", moment(created_at),
               absolute(f"/proposals/{id}")]


def comment_rows(consultation_id):
    """One row per published comment on a proposal the public sees, proposal by proposal, in
    the order they were written."""
    moment = partial(spreadsheet_text, zone=platform_zone())
    query = (select(Comment.id, Comment.proposal_id, Proposal.title, Comment.parent_id, User.name,
                    User.deleted_at, Comment.stance, Comment.body, Comment.created_at)
             .join(Proposal, Proposal.id == Comment.proposal_id).join(User, User.id == Comment.author_id)
             .where(Proposal.consultation_id == consultation_id,
                    Proposal.status.in_(VISIBLE_PROPOSAL_STATUSES), Comment.status == "published")
             .order_by(Comment.proposal_id, Comment.created_at, Comment.id))
    for id, proposal_id, title, parent_id, author, deleted_at, stance, body, created_at in _rows(query):
        yield [id, proposal_id, title, parent_id or "", shown_name(author, deleted_at),
               str(STANCE_LABELS[stance]) if stance in STANCE_LABELS else "", body, moment(created_at),
               absolute(f"/comments/{id}")]
