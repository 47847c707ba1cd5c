"""Consultation logic: creating and changing consultations (for the back-office form and the
API alike), and status changes (the public listing and what pages show: listing.py).

Functions add and flush; the request commits once.
"""
import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import format_decimal, ngettext, to_user_timezone
from sqlalchemy import delete

from ..database import utcnow
from ..extensions import db
from ..i18n import bilingual, datetime_text
from ..notifications import events
from ..text import search_text
from ..uploads import discard_after_commit, save_image
from . import categories as category_names
from .images import COVERS
from .labels import PHASE_LABELS
from .models import PUBLIC_STATUSES, Consultation, Phase
from ..phases import OPEN_ENDED, PHASE_KINDS

COVER_SIZE = (1600, 900)
COVER_THUMB = (480, 270)
TEXT_FIELDS = ("title", "summary", "description")
TEXT_LIMITS = {"title": 150, "summary": 600, "description": 20_000}  # characters, in each language
FRENCH_REQUIRED = {"title": _l("The French title is required."), "summary": _l("The French summary is required."),
                   "description": _l("The French description is required.")}  # English falls back to French
MAX_CATEGORIES = 30
MAX_CATEGORY_LENGTH = 80
MAX_COUNT = 100_000  # of proposals per person, votes per person, supports for the threshold (0: no limit)
SETTINGS = ("participation", "moderation", "premoderate_comments", "comments_enabled", "supports_during_proposals",
            "vote_mode", "max_proposals_per_person", "max_votes", "support_threshold")


def refresh_search_text(consultation):
    parts = []
    for name in TEXT_FIELDS:
        value = getattr(consultation, name) or {}
        parts.extend(value.get(lang, "") for lang in ("fr", "en"))
    consultation.search_text = search_text(*parts)


# --- creating and changing a consultation --------------------------------------------

class InvalidValues(ValueError):
    """Values a consultation cannot take; `errors` as consultation_errors gives them."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _texts(value):
    """{"fr", "en"} as stored: trimmed, "fr" always there (maybe empty), "en" only when given."""
    value = value or {}
    return bilingual(value.get("fr"), value.get("en"))


def consultation_errors(values, consultation=None, facts=None, remove_used_categories=False):
    """The rules a consultation's content follows, checked on plain values (see update_consultation).

    Returns {place: message}, empty when the values may be saved. A place is a tuple: (text
    name, language) for a text, ("categories",), ("phases",) for a kind given twice,
    ("phases", kind, "starts_at" or "ends_at") for a date, ("vote_mode",) and ("max_votes",).
    With the saved `consultation` and its `facts` (figures.EditFacts), also what its votes and
    proposals already cast or posted forbid: removing categories that proposals use is refused
    (categories.InUse) unless `remove_used_categories` confirms it.
    """
    errors = {}
    for name in TEXT_FIELDS:
        if name not in values:
            continue
        text = _texts(values[name])
        for lang, value in text.items():
            if len(value) > TEXT_LIMITS[name]:
                errors[(name, lang)] = _("At most %(count)s characters.", count=format_decimal(TEXT_LIMITS[name]))
        if not text["fr"]:
            errors[(name, "fr")] = str(FRENCH_REQUIRED[name])
    if "categories" in values:
        message = _category_error([_texts(c) for c in values["categories"]])
        if message:
            errors[("categories",)] = message
    if "phases" in values:
        errors.update(_phase_errors(values["phases"]))
    if consultation is not None and facts is not None:
        errors.update(_vote_setting_errors(consultation, values, facts))
        if "categories" in values and ("categories",) not in errors and not remove_used_categories:
            message = category_names.removal_error(
                consultation, [_texts(c) for c in values["categories"]], facts.proposals_by_category)
            if message:
                errors[("categories",)] = message
    return errors


def _vote_setting_errors(consultation, values, facts):
    """Once votes are cast, the vote mode stays (an "against" would count as a support), and
    the vote limit stays at or above the most votes one person has used (0: no limit)."""
    errors = {}
    mode = values.get("vote_mode")
    if mode is not None and mode != consultation.vote_mode and facts.votes:
        errors[("vote_mode",)] = _("Votes are already cast: the vote mode can no longer change.")
    limit = values.get("max_votes")
    if limit and limit != consultation.max_votes and limit < facts.most_votes_used:
        errors[("max_votes",)] = ngettext(
            "A person has already used %(num)s vote: give at least %(num)s, or 0 for no limit.",
            "A person has already used %(num)s votes: give at least %(num)s, or 0 for no limit.",
            facts.most_votes_used)
    if "phases" in values and facts.votes:
        errors.update(_phases_of_votes_cast(consultation, values, facts))
    errors.update(_supports_kept(consultation, values, facts))
    return errors


def _phases_of_votes_cast(consultation, values, facts):
    """Once votes are cast, the timeline keeps them in it: the vote phase stays; a phase that
    opened the vote (the proposals phase too, when supports open with it) may not start after
    the first vote, else the consultation would say the vote is to come, with votes counted;
    and the last phase open to votes may not end before the last vote, else votes would be
    counted after its close. What is not moved is not refused."""
    saved = {phase.kind: (phase.starts_at, phase.ends_at) for phase in consultation.phases}
    phases = {phase["kind"]: phase for phase in values["phases"]}
    if "vote" in saved and "vote" not in phases:
        return {("phases", "vote", "starts_at"): _("Votes are already cast: the vote phase can no longer be removed.")}
    early = values.get("supports_during_proposals", consultation.supports_during_proposals)
    if early and "proposals" in saved and "proposals" not in phases and _supports_cast(consultation, values, facts):
        return {("phases", "proposals", "starts_at"): _(
            "Supports were cast during the proposals phase: it can no longer be removed.")}
    voting = [kind for kind in (("proposals", "vote") if early else ("vote",)) if kind in phases]
    if not voting:
        return {}
    first_kind, last_kind = voting[0], voting[-1]
    start, first = phases[first_kind].get("starts_at"), facts.first_vote_at
    if start is not None and first is not None and start != saved.get(first_kind, (None, None))[0] and start > first:
        return {("phases", first_kind, "starts_at"): _(
            "The first vote was cast on %(date)s: this phase must start on that date or earlier.",
            date=datetime_text(first))}
    end, last = phases[last_kind].get("ends_at"), facts.last_vote_at
    if end is not None and last is not None and end != saved.get(last_kind, (None, None))[1] and end < last:
        return {("phases", last_kind, "ends_at"): _(
            "The last vote was cast on %(date)s: this phase must end on that date or later.",
            date=datetime_text(last))}
    return {}


def _supports_cast(consultation, values, facts):
    """Whether votes were cast before the vote phase opens (as sent, or else as saved): supports,
    during the proposals phase."""
    vote = {phase["kind"]: phase for phase in values.get("phases", ())}.get("vote")
    vote_start = vote.get("starts_at") if vote else next(
        (phase.starts_at for phase in consultation.phases if phase.kind == "vote"), None)
    return facts.first_vote_at is not None and (vote_start is None or facts.first_vote_at < vote_start)


def _supports_kept(consultation, values, facts):
    """Supports cast during the proposals phase keep it open to them: else they would have been
    cast outside any phase open to votes."""
    if (consultation.supports_during_proposals and values.get("supports_during_proposals") is False
            and _supports_cast(consultation, values, facts)):
        return {("supports_during_proposals",): _(
            "Supports were cast during the proposals phase: they can no longer be closed in it.")}
    return {}


# What would cut a name in the back office's field, one category a line, French and English
# names parted by a bar: the bar, line breaks (str.splitlines breaks on control characters
# and on the line and paragraph separators) and the other control characters (tabs…).
CUTTING_CATEGORIES = ("Cc", "Zl", "Zp")


def _category_error(names):
    if len(names) > MAX_CATEGORIES:
        return _("Give at most %(count)s categories.", count=MAX_CATEGORIES)
    seen = set()
    for name in names:
        if not name["fr"]:
            return _("Each category needs a French name.")
        if max(len(v) for v in name.values()) > MAX_CATEGORY_LENGTH:
            return _("Category names have at most %(count)s characters.", count=MAX_CATEGORY_LENGTH)
        if any(c == "|" or unicodedata.category(c) in CUTTING_CATEGORIES for v in name.values() for c in v):
            return _("Category names may not contain a bar “|”, a line break or a tab.")
        if name["fr"].lower() in seen:
            return _("The category “%(name)s” is listed twice.", name=name["fr"])
        seen.add(name["fr"].lower())
    return None


FIRST_YEAR, LAST_YEAR = 2000, 2100  # the phases' dates: far beyond, showing them in local time overflows


def in_years(local):
    """Whether a phase's date, in local time (as the back office shows it and reads it), falls
    in FIRST_YEAR…LAST_YEAR: one rule for the form and the API (23:30 UTC on 31 December 2100
    is in 2101 in Paris, where the form would show it, then refuse it)."""
    return FIRST_YEAR <= local.year <= LAST_YEAR


def _in_local_years(date):
    try:
        return in_years(local_time(date))
    except OverflowError:  # 23:30 UTC on 31 December 9999 is in the year 10000 in Paris
        return False


def _year_errors(kind, start, end):
    """A date out of the years (in_years), by its place (forms check it too, before reading
    the date in UTC; the API sends it in UTC)."""
    return {("phases", kind, name): _("Give a date between the years %(first)s and %(last)s.",
                                      first=FIRST_YEAR, last=LAST_YEAR)
            for name, date in (("starts_at", start), ("ends_at", end)) if date is not None and not _in_local_years(date)}


def _phase_errors(phases):
    """Each phase appears once, has both dates between FIRST_YEAR and LAST_YEAR (the results
    phase may have no end: the results stay), ends after it starts, and starts once the previous
    one ended (phases follow the order of PHASE_KINDS)."""
    errors, dates = {}, {}
    for phase in phases:
        if phase["kind"] in dates:
            errors[("phases",)] = _("Each phase may appear once.")
        dates[phase["kind"]] = (phase.get("starts_at"), phase.get("ends_at"))
    previous = None
    for kind in PHASE_KINDS:
        if kind not in dates:
            continue
        start, end = dates[kind]
        if start is None or (end is None and kind != OPEN_ENDED):
            missing = "starts_at" if start is None else "ends_at"
            errors[("phases", kind, missing)] = (_("Give a start, with or without an end.") if kind == OPEN_ENDED
                                                 else _("Give both a start and an end, or neither."))
            continue
        out_of_years = _year_errors(kind, start, end)
        if out_of_years:
            errors.update(out_of_years)
            continue
        if end is not None and end <= start:
            errors[("phases", kind, "ends_at")] = _("The end must come after the start.")
        if previous is not None and start < previous[1]:
            errors[("phases", kind, "starts_at")] = _(
                "This phase must start after the end of the “%(phase)s” phase.", phase=PHASE_LABELS[previous[0]])
        previous = (kind, end)
    return errors


def create_consultation(territory, author):
    """A new, empty draft of `territory` (update_consultation gives it its content)."""
    consultation = Consultation(territory=territory, created_by_id=author.id if author else None,
                                title={"fr": ""}, status="draft")
    db.session.add(consultation)
    return consultation


def update_consultation(consultation, values, facts=None, remove_used_categories=False):
    """Check `values` (consultation_errors) and copy them onto the consultation; raises
    InvalidValues, changing nothing, when they break a rule.

    `values` holds any of: "title", "summary", "description" ({"fr", "en"}), "themes" (keys),
    "categories" ([{"fr", "en"}], see categories.match for which category each keeps), "phases"
    ([{"kind", "starts_at", "ends_at"}], naive UTC; the phases not listed are removed) and the
    SETTINGS. What is left out stays as it is. `facts`: the consultation's figures.EditFacts,
    when the caller has them already. `remove_used_categories` (True) confirms removing
    categories that proposals use: their proposals then have none.
    """
    from .figures import edit_facts  # votes, proposals and comments import these services

    errors = consultation_errors(values, consultation, facts or edit_facts(consultation), remove_used_categories)
    if errors:
        raise InvalidValues(errors)
    for name in TEXT_FIELDS:
        if name in values:
            setattr(consultation, name, _texts(values[name]))
    if "themes" in values:
        consultation.themes = list(dict.fromkeys(values["themes"]))
    threshold = consultation.support_threshold
    for name in SETTINGS:
        if name in values:
            setattr(consultation, name, values[name])
    if consultation.id is not None and (consultation.support_threshold or 0) > (threshold or 0):
        _threshold_raised(consultation)
    elif consultation.id is not None and (consultation.support_threshold or 0) != (threshold or 0):
        _threshold_lowered(consultation)
    if "phases" in values:
        set_phases(consultation, [(p["kind"], p["starts_at"], p["ends_at"]) for p in values["phases"]])
    if "categories" in values:
        category_names.apply(consultation, [_texts(c) for c in values["categories"]])
    refresh_search_text(consultation)
    db.session.flush()
    return consultation


def _threshold_raised(consultation):
    """The proposals under the new threshold have not reached it: reaching it will be told."""
    from ..proposals.models import Proposal

    db.session.execute(db.update(Proposal).where(
        Proposal.consultation_id == consultation.id, Proposal.votes_for < consultation.support_threshold)
        .values(threshold_reached_at=None).execution_options(synchronize_session=False))


def _threshold_lowered(consultation):
    """The public proposals already over the new threshold have reached it: told now, not at
    their next vote for (one statement marks them, so that a vote at the same moment does not
    tell it twice)."""
    from ..permissions import VOTABLE_STATUS
    from ..proposals.models import Proposal

    if not consultation.support_threshold or consultation.status not in PUBLIC_STATUSES:
        return
    reached = db.session.scalars(db.update(Proposal).where(
        Proposal.consultation_id == consultation.id, Proposal.status == VOTABLE_STATUS,
        Proposal.votes_for >= consultation.support_threshold, Proposal.threshold_reached_at.is_(None))
        .values(threshold_reached_at=utcnow()).returning(Proposal.id)
        .execution_options(synchronize_session=False)).all()
    for proposal in db.session.scalars(db.select(Proposal).where(Proposal.id.in_(reached))):
        events.threshold_reached(proposal)


def form_data(consultation):
    """Values to pre-fill the back-office form with an existing consultation (dates in local time)."""
    data = {}
    for name in TEXT_FIELDS:
        value = getattr(consultation, name) or {}
        data[f"{name}_fr"] = value.get("fr", "")
        data[f"{name}_en"] = value.get("en", "")
    data["themes"] = list(consultation.themes or [])
    data["categories"] = "\n".join(
        f"{c.name.get('fr', '')} | {c.name.get('en', '')}".rstrip(" |") for c in consultation.categories)
    for phase in consultation.phases:
        data[f"{phase.kind}_start"] = local_time(phase.starts_at)
        data[f"{phase.kind}_end"] = local_time(phase.ends_at) if phase.ends_at else None
    for name in SETTINGS:
        data[name] = getattr(consultation, name)
    return data


def local_time(value):
    return to_user_timezone(value).replace(tzinfo=None)


def save_cover(consultation, file_storage):
    """Store a new cover and its thumbnail (raises uploads.ImageError with a message); the
    files of the one it replaces go once the change is committed."""
    old, consultation.cover_path = consultation.cover_path, save_image(
        file_storage, COVERS, max_size=COVER_SIZE, thumb=COVER_THUMB)
    discard_after_commit(old)


def delete_consultation(consultation):
    """Delete a draft never published (permissions.can_delete_consultation), its phases,
    categories, news and documents with it, and its files once committed."""
    from ..notifications.models import Follow
    from .models import ConsultationDocument, ConsultationNews

    if consultation.cover_path:
        remove_cover(consultation)
    for column in (ConsultationNews.image_path, ConsultationDocument.file_path):
        for path in db.session.scalars(db.select(column).where(
                column.table.c.consultation_id == consultation.id, column.is_not(None))):
            discard_after_commit(path)
    # Nobody could see it, but its staff could follow it: a later consultation may take its id.
    db.session.execute(delete(Follow).where(Follow.target_type == "consultation", Follow.target_id == consultation.id))
    db.session.delete(consultation)
    db.session.flush()


def remove_cover(consultation):
    old, consultation.cover_path = consultation.cover_path, None
    discard_after_commit(old)


def set_phases(consultation, dates):
    """dates: [(kind, starts_at, ends_at)] in UTC; phases not listed are removed."""
    wanted = {kind: (start, end) for kind, start, end in dates}
    for phase in list(consultation.phases):
        if phase.kind not in wanted:
            consultation.phases.remove(phase)
    existing = {p.kind: p for p in consultation.phases}
    for kind in PHASE_KINDS:
        if kind not in wanted:
            continue
        start, end = wanted[kind]
        phase = existing.get(kind)
        if phase is None:
            consultation.phases.append(Phase(kind=kind, starts_at=start, ends_at=end))
        else:
            phase.starts_at, phase.ends_at = start, end
    consultation.phases.sort(key=lambda p: p.starts_at)


# --- status ---------------------------------------------------------------------------

STATUS_OF = {"publish": "published", "archive": "archived", "draft": "draft"}  # of each status action
# The actions each status offers: a draft is published before it is archived (an archive keeps
# what the public read, and its followers were told of it).
STATUS_ACTIONS = {"draft": ("publish",), "published": ("archive", "draft"), "archived": ("publish", "draft")}


def status_refusal(consultation, action):
    """Why `action` may not be taken on the consultation now, or None (the same status again
    is no change, not a refusal)."""
    if consultation.status == STATUS_OF[action] or action in STATUS_ACTIONS[consultation.status]:
        return None
    return _("A draft consultation must be published before it can be archived.")


def change_status(consultation, action, actor=None):
    """publish / archive / draft (the caller asked status_refusal). Returns True when the status
    changed."""
    target = STATUS_OF[action]
    if consultation.status == target:
        return False
    assert status_refusal(consultation, action) is None
    first_publication = target == "published" and consultation.published_at is None
    consultation.status = target
    if target == "published" and consultation.published_at is None:
        consultation.published_at = utcnow()
    consultation.archived_at = utcnow() if target == "archived" else None
    db.session.flush()
    if first_publication:
        events.consultation_published(consultation, actor=actor)
    if target == "published":
        events.answers_held(consultation)
    return True
