"""Who may do what: every "may this person do A on O?" is answered here.

Plain functions of (user, object, now), with no request or app needed, so that views,
templates, the API and tests ask the same questions. Views call `require(can_x(...))`.
"""
from flask import abort
from sqlalchemy import and_, or_, true

from .phases import allows, vote_over

PUBLIC_CONSULTATION_STATUSES = ("published", "archived")
VISIBLE_PROPOSAL_STATUSES = ("published", "withdrawn")
VOTABLE_STATUS = "published"
PLACEHOLDER_COMMENT_STATUSES = ("deleted", "hidden")  # shown in their place in the thread, without their text
PUBLIC_COMMENT_STATUSES = ("published", *PLACEHOLDER_COMMENT_STATUSES)
COMMENT_EDIT_WINDOW_SECONDS = 600
# What may be reported of a contribution: what the public reads (a withdrawn proposal stays public).
REPORTABLE_STATUSES = {"proposal": VISIBLE_PROPOSAL_STATUSES, "comment": ("published",)}
TAKEN_DOWN_STATUSES = ("hidden", "rejected")  # by moderation: restored from the item's decision page


def require(allowed, status=403):
    if not allowed:
        abort(status)


# --- who is who -------------------------------------------------------------------------

def is_signed_in(user):
    return bool(user is not None and user.is_authenticated)


def holds_roles(user):
    """Staff roles act only for a signed-in person who is not blocked: a block (by a platform
    admin) suspends them, and they come back with its end."""
    return is_signed_in(user) and not user.is_blocked()


def roles_in(user, territory_id):
    """The roles ('admin', 'moderator') a person holds in one territory."""
    if not holds_roles(user):
        return frozenset()
    cache = user.__dict__.get("_roles")
    if cache is None:
        cache = {}
        for m in user.memberships:
            cache.setdefault(m.territory_id, set()).add(m.role)
        user.__dict__["_roles"] = cache
    return frozenset(cache.get(territory_id, ()))


def staff_territory_ids(user, role=None):
    if not holds_roles(user):
        return set()
    return {m.territory_id for m in user.memberships if role is None or m.role == role}


def is_platform_admin(user):
    """A block suspends the role, as it does a territory's (another platform admin lifts it)."""
    return holds_roles(user) and bool(user.is_platform_admin)


def is_territory_admin(user, territory_id):
    return "admin" in roles_in(user, territory_id)


def is_moderator(user, territory_id):
    """Moderators and territory admins review the contributions of their territory."""
    return bool(roles_in(user, territory_id) & {"admin", "moderator"})


def is_resident(user, now=None):
    """A confirmed account that is not blocked may take part."""
    return is_signed_in(user) and user.is_confirmed and not user.is_blocked(now)


def is_verified_resident(user, territory_id):
    """The staff of the territory verified that this person lives there."""
    return is_signed_in(user) and any(v.territory_id == territory_id for v in user.verifications)


# --- one's own things -----------------------------------------------------------------

def can_appeal_decision(user, action):
    """The person a moderation decision is about sees it in "my decisions" and may appeal."""
    return is_signed_in(user) and action.subject_user_id == user.id


def can_rename(user, now=None):
    """The name shown on one's contributions is public text: it does not change while the
    account is blocked, as nothing else is published then."""
    return is_signed_in(user) and not user.is_blocked(now)


def can_create_token(user):
    """An API token acts as its owner: only an account whose address is confirmed gets one."""
    return is_signed_in(user) and user.is_confirmed


def can_revoke_token(user, token):
    return is_signed_in(user) and token.user_id == user.id


def can_read_notification(user, notification):
    return is_signed_in(user) and notification.user_id == user.id


# --- platform and territories ----------------------------------------------------------

def can_manage_platform(user):
    return is_platform_admin(user)


def can_remove_platform_admin(user, target, others):
    """Platform admins take the role back from one another, or give up their own, but never
    when `others` (the number of the other platform admins not blocked) is 0: somebody must
    run the platform."""
    return can_manage_platform(user) and bool(target.is_platform_admin) and others > 0


def can_manage_territory(user, territory):
    return _manages(user, territory.id)


def _manages(user, territory_id):
    return is_platform_admin(user) or is_territory_admin(user, territory_id)


def can_see_admin(user):
    return is_platform_admin(user) or bool(staff_territory_ids(user, "admin"))


def can_appoint(user, territory, role):
    """The platform admin appoints admins and moderators; a territory admin, its moderators."""
    if role == "moderator":
        return can_manage_territory(user, territory)
    return can_manage_platform(user)


def invitation_stands(invitation):
    """An invitation to a territory's team gives its role only while whoever sent it may still
    give that role: their own role taken back (or suspended by a block), it no longer stands."""
    return can_appoint(invitation.invited_by, invitation.territory, invitation.role)


def is_invited(user, invitation):
    """The person signed in with the address the invitation was sent to, whoever opens its link."""
    return is_signed_in(user) and user.email.lower() == invitation.email


def can_accept_invitation(user, invitation):
    """The role goes to the account invited, and to no other, once its address is confirmed
    (staff roles go to confirmed addresses only: confirming it gives the role)."""
    return is_invited(user, invitation) and user.is_confirmed and invitation_stands(invitation)


def can_verify_residents(user, territory):
    """The territory's admins (and the platform admin) verify who lives there."""
    return can_manage_territory(user, territory)


def can_view_staff_log(user, territory):
    """Who gave whom which rights in the territory, and when: its admins (and the platform admin)."""
    return can_manage_territory(user, territory)


def can_view_platform_staff_log(user):
    """Every territory's staff activity, and the platform admins'."""
    return can_manage_platform(user)


def can_edit_pages(user):
    return can_manage_platform(user)


def can_delete_page(user, page):
    """The pages the platform links to are edited, never deleted."""
    return can_edit_pages(user) and not page.builtin


# --- consultations ---------------------------------------------------------------------

def can_view_consultation(user, consultation):
    if consultation.status in PUBLIC_CONSULTATION_STATUSES:
        return True
    return _manages(user, consultation.territory_id)


def can_edit_consultation(user, consultation):
    return _manages(user, consultation.territory_id)


def can_delete_consultation(user, consultation):
    """A draft that was never published holds nobody's contribution: its territory's admins may
    delete it (one that was published is archived, or put back to draft, instead)."""
    return (can_edit_consultation(user, consultation) and consultation.status == "draft"
            and consultation.published_at is None)


def can_create_consultation(user, territory):
    return can_manage_territory(user, territory)


def can_follow(user):
    """Following is for who may take part (anyone may stop following)."""
    return is_resident(user)


# The take_part_refusal reasons that are about the person (and said to them), not the consultation.
PERSONAL_REASONS = ("blocked", "not_resident", "not_verified")


def take_part_refusal(user, consultation, now=None):
    """Why this person may not take part in the consultation ('blocked': suspended by the
    moderators; 'not_resident': not signed in, or not confirmed; 'not_verified': open to
    verified residents only; 'not_allowed': not published), or None."""
    if is_signed_in(user) and user.is_blocked(now):
        return "blocked"
    if not is_resident(user, now):
        return "not_resident"
    if consultation.participation == "verified" and not is_verified_resident(user, consultation.territory_id):
        return "not_verified"
    if consultation.status != "published":
        return "not_allowed"
    return None


def can_take_part(user, consultation, now=None):
    return take_part_refusal(user, consultation, now) is None


# --- proposals -------------------------------------------------------------------------

def propose_refusal(user, consultation, now, proposals_so_far=0):
    """Why this person may not post a proposal now (a take_part_refusal reason, 'phase_closed',
    'limit_reached'), or None."""
    refusal = take_part_refusal(user, consultation, now)
    if refusal:
        return refusal
    if not allows(consultation, "propose", now):
        return "phase_closed"
    limit = consultation.max_proposals_per_person
    return "limit_reached" if limit and proposals_so_far >= limit else None


def can_propose(user, consultation, now, proposals_so_far=0):
    return propose_refusal(user, consultation, now, proposals_so_far) is None


def may_propose_once_signed_in(user, consultation, now):
    """A visitor, while proposals are open: invited to sign in to make one."""
    return not is_signed_in(user) and _collecting_proposals(consultation, now)


def _collecting_proposals(consultation, now):
    return consultation.status == "published" and allows(consultation, "propose", now)


def can_view_proposal(user, proposal):
    consultation = proposal.consultation
    if not can_view_consultation(user, consultation):
        return False
    if proposal.status in VISIBLE_PROPOSAL_STATUSES:
        return True
    if is_signed_in(user) and user.id == proposal.author_id:
        return True
    return is_moderator(user, consultation.territory_id)


def proposals_seen_by(user, proposal, consultation):
    """can_view_proposal as an SQL condition on `proposal` and its `consultation` (the Proposal and
    Consultation classes, joined), for the database to tell which proposals a person sees."""
    managed = true() if is_platform_admin(user) else consultation.territory_id.in_(staff_territory_ids(user, "admin"))
    moderated = staff_territory_ids(user)  # is_moderator: both roles (admin, moderator) moderate
    seen = [proposal.status.in_(VISIBLE_PROPOSAL_STATUSES), consultation.territory_id.in_(moderated)]
    if is_signed_in(user):
        seen.append(proposal.author_id == user.id)
    return and_(or_(consultation.status.in_(PUBLIC_CONSULTATION_STATUSES), managed), or_(*seen))


def edit_proposal_refusal(user, proposal, now):
    """Why this person may not edit the proposal now, or None: 'not_allowed' (not its author, or
    the proposal not live), 'reacted' (it has votes or comments, which were given to this text),
    a take_part_refusal reason (the author may no longer take part: blocked, or the consultation
    now open to verified residents only), 'phase_closed' (proposals are not being collected: the
    consultation is not published, or its proposals phase is not open)."""
    if not (is_signed_in(user) and user.id == proposal.author_id and proposal.status in ("published", "pending")):
        return "not_allowed"
    if proposal.votes_for + proposal.votes_against + proposal.votes_abstain or proposal.comments_count:
        return "reacted"
    refusal = take_part_refusal(user, proposal.consultation, now)
    if refusal in PERSONAL_REASONS:
        return refusal
    if not _collecting_proposals(proposal.consultation, now):
        return "phase_closed"
    return None


def withdraw_proposal_refusal(user, proposal, now):
    """Why this person may not withdraw the proposal now, or None: 'not_allowed' (not its author,
    or the proposal not published: withdrawn ones are public, so withdrawing one that awaits
    moderation or was hidden would publish it past the moderators), 'closed' (the consultation
    is not published, or its vote is over: withdrawing would change its official results)."""
    if not (is_signed_in(user) and user.id == proposal.author_id and proposal.status == "published"):
        return "not_allowed"
    consultation = proposal.consultation
    if consultation.status != "published" or vote_over(consultation, now):
        return "closed"
    return None


def answer_refusal(user, proposal):
    """Why this person may not give the proposal its official answer, or None: 'not_allowed'
    (not the territory's staff), 'not_published' (an answer is public: a proposal awaiting
    moderation, hidden or rejected is not, and a withdrawn one no longer asks for one)."""
    if not _manages(user, proposal.consultation.territory_id):
        return "not_allowed"
    return None if proposal.status == "published" else "not_published"


def can_answer_proposal(user, proposal):
    return answer_refusal(user, proposal) is None


# --- debate ----------------------------------------------------------------------------

def comment_refusal(user, proposal, now):
    """Why this person may not comment on the proposal now ('comments_off', a take_part_refusal
    reason, 'closed': the proposal is not published, or no phase open to comments), or None."""
    consultation = proposal.consultation
    if not consultation.comments_enabled:
        return "comments_off"
    refusal = take_part_refusal(user, consultation, now)
    if refusal:
        return refusal
    if proposal.status != "published" or not allows(consultation, "comment", now):
        return "closed"
    return None


def can_comment(user, proposal, now):
    return comment_refusal(user, proposal, now) is None


def can_view_comment(user, comment, territory_id):
    """Published, deleted and hidden comments show (the last two as placeholders); pending and
    rejected ones only to their author and to the territory's moderators, and so does one its
    author deleted before it was ever published (it has no replies to keep a place for):
    deleting it shows nobody more."""
    never_shown = comment.status == "deleted" and comment.published_at is None
    if comment.status in PUBLIC_COMMENT_STATUSES and not never_shown:
        return True
    return (is_signed_in(user) and user.id == comment.author_id) or is_moderator(user, territory_id)


def comments_seen_by(user, territory_id, comment):
    """can_view_comment as an SQL condition on `comment` (the Comment class, or the columns of an alias of its table),
    for the database to choose a page of a debate."""
    if is_moderator(user, territory_id):
        return true()
    public = and_(comment.status.in_(PUBLIC_COMMENT_STATUSES),
                  or_(comment.status != "deleted", comment.published_at.is_not(None)))
    return or_(public, comment.author_id == user.id) if is_signed_in(user) else public


def can_see_comment(user, comment):
    """A comment reached by its id (its address, a reply to it, its edit and delete pages): seen
    as in its thread, on a proposal the person sees. Any other is answered as if it did not exist."""
    proposal = comment.proposal
    return can_view_proposal(user, proposal) and can_view_comment(user, comment, proposal.consultation.territory_id)


def can_read_comment(user, comment):
    """A comment whose text this person reads where its address leads (what a notice about it
    promises): seen, and not as a placeholder (deleted, or hidden by moderation)."""
    return comment.status not in PLACEHOLDER_COMMENT_STATUSES and can_see_comment(user, comment)


def edit_comment_refusal(user, comment, now):
    """Why this person may not edit the comment now, or None: 'not_editable' (not its author, or
    the comment not live), 'too_late' (its first COMMENT_EDIT_WINDOW_SECONDS are over), or a
    comment_refusal reason (the debate is no longer open to them: the comments turned off, the
    proposal withdrawn, the consultation archived, their account suspended…)."""
    if not is_signed_in(user) or user.id != comment.author_id or comment.status not in ("published", "pending"):
        return "not_editable"
    if (now - comment.created_at).total_seconds() > COMMENT_EDIT_WINDOW_SECONDS:
        return "too_late"
    return comment_refusal(user, comment.proposal, now)


def can_edit_comment(user, comment, now):
    """Its author, for a while after posting it, while the debate is open to them."""
    return edit_comment_refusal(user, comment, now) is None


def can_delete_comment(user, comment):
    return is_signed_in(user) and user.id == comment.author_id and comment.status != "deleted"


# --- votes -----------------------------------------------------------------------------

def vote_phase_open(consultation, now):
    return allows(consultation, "vote", now) or allows(consultation, "support", now)


def vote_refusal(user, proposal, now):
    """Why this person may not vote on the proposal now, most specific first ('sign_in',
    'proposal_closed', 'phase_closed', 'blocked', 'not_resident', 'not_verified', 'not_allowed'), or None."""
    refusal = vote_withdrawal_refusal(user, proposal, now)
    if refusal != "sign_in" and proposal.status != VOTABLE_STATUS:
        return "proposal_closed"
    return refusal


def vote_withdrawal_refusal(user, proposal, now):
    """Why this person may not take their vote on the proposal back now, or None: as for voting,
    except that the proposal may have been withdrawn, hidden or rejected since the vote (the
    vote is taken back so that it no longer counts against the consultation's limit)."""
    consultation = proposal.consultation
    if not is_signed_in(user):
        return "sign_in"
    if not vote_phase_open(consultation, now):
        return "phase_closed"
    return take_part_refusal(user, consultation, now)


def offers_vote_back(proposal, consultation):
    """Whether a vote on this proposal (of this consultation) is offered back: it is closed to
    votes (withdrawn, hidden, rejected…), but a vote on it still uses one of the person's
    limited votes."""
    return proposal.status != VOTABLE_STATUS and bool(consultation.max_votes)


def can_take_vote_back(user, proposal, now):
    """Whether to offer this person (who voted on it) their vote back now."""
    return offers_vote_back(proposal, proposal.consultation) and vote_withdrawal_refusal(user, proposal, now) is None


def can_reach_vote(user, proposal, has_voted):
    """Whether this person may address their vote on the proposal: when they see the proposal,
    or when they voted on it before moderation hid or rejected it (to take the vote back).
    `has_voted()` is asked only in the second case."""
    if can_view_proposal(user, proposal):
        return True
    return can_view_consultation(user, proposal.consultation) and is_signed_in(user) and has_voted()


def can_vote(user, proposal, now):
    return vote_refusal(user, proposal, now) is None


# --- moderation ------------------------------------------------------------------------

def can_report(user, now=None):
    return is_resident(user, now)


def can_see_reportable(user, target):
    """A moderation target (proposal, comment or person) as the public sees it: what may be
    reported is what one can see."""
    if target.type == "proposal":
        return target.status in REPORTABLE_STATUSES["proposal"] and can_view_proposal(user, target.obj)
    if target.type == "comment":
        return target.status in REPORTABLE_STATUSES["comment"] and can_view_proposal(user, target.obj.proposal)
    return _reportable_person(target.obj)


def sees_taken_down(user, target):
    """Whether a proposal or comment taken down by moderation shows this person that it was (in
    its place on a page they may read), rather than being unknown to them."""
    if target.type == "proposal":
        return target.status in TAKEN_DOWN_STATUSES and can_view_consultation(user, target.obj.consultation)
    if target.type == "comment":
        return target.status in TAKEN_DOWN_STATUSES and can_view_proposal(user, target.obj.proposal)
    return False


def _reportable_person(person):
    """An account whose name and contributions are public: confirmed, not deleted."""
    return person.is_confirmed and person.deleted_at is None


def offers_report(user, contribution, now=None):
    """Whether a proposal or a comment shows this person the link to report it: they take part,
    did not write it, and it is public (a withdrawn proposal stays so)."""
    return (contribution.status in REPORTABLE_STATUSES[contribution.__tablename__] and can_report(user, now)
            and user.id != contribution.author_id)


def offers_person_report(user, person, now=None):
    """Whether a proposal's page offers this person to report its author (a name, or a way of
    taking part, may break the charter): someone else's account, still open."""
    return can_report(user, now) and user.id != person.id and _reportable_person(person)


def can_report_item(user, target, now=None):
    """Anyone taking part reports what they see, except their own contributions or account."""
    return can_report(user, now) and user.id != target.author_id and can_see_reportable(user, target)


def can_moderate(user, territory_id):
    return is_moderator(user, territory_id)


def can_moderate_item(user, territory_id, author_id):
    """Nobody moderates their own content or account."""
    return can_moderate(user, territory_id) and is_signed_in(user) and user.id != author_id


def moderation_offer(user, contribution, territory_id):
    """What a proposal's page, or a comment in its debate, offers this person to decide on it, as
    the moderation queue does: 'review' (it awaits moderation), 'reconsider' (hidden or rejected:
    its decision page may restore it), 'moderate' (what the public reads), or None (deleted, or
    not theirs to moderate: another territory's, or their own). `territory_id`: its territory."""
    if contribution.status == "deleted" or not can_moderate_item(user, territory_id, contribution.author_id):
        return None
    if contribution.status == "pending":
        return "review"
    return "reconsider" if contribution.status in TAKEN_DOWN_STATUSES else "moderate"


def can_block(user, person):
    """A block holds on the whole platform: a territory's moderators block residents, not a
    member of staff of any territory nor a platform admin (the platform admin takes their
    role away first, from the back office), unless they are a platform admin themselves."""
    if is_platform_admin(user):
        return True
    # their memberships, not staff_territory_ids: a block suspends those, not what the person is
    return not (person.is_platform_admin or person.memberships)


def decision_refusal(user, target, action):
    """Why this person may not take the moderation decision `action` on `target` (a moderation
    Target), or None: 'not_moderator' (not of the target's territory), 'own' (their own
    contribution or account), 'staff' (a block that can_block refuses)."""
    if not can_moderate(user, target.territory_id):
        return "not_moderator"
    if not can_moderate_item(user, target.territory_id, target.author_id):
        return "own"
    if action == "block" and not can_block(user, target.author):
        return "staff"
    return None


def can_decide(user, target, action):
    """The back office (the actions its form offers, the decision posted) and the API ask this."""
    return decision_refusal(user, target, action) is None


# pagecache/personal.py serves its shared page only to people for whom can_see_moderation and
# can_see_admin are False (no territory role, not platform admin): keep it in step.
def can_see_moderation(user):
    return bool(staff_territory_ids(user))


def can_decide_appeal(user, appeal):
    """Another moderator or a territory admin: never the one who decided, nor the author."""
    action = appeal.action
    return (
        can_moderate(user, action.territory_id)
        and user.id != action.moderator_id
        and user.id != appeal.author_id
    )


def can_view_audit_log(user, territory_id):
    return is_territory_admin(user, territory_id) or is_platform_admin(user)


def audit_log_candidates(user, query):
    """`query` of territories narrowed to those whose log `user` may be shown (can_view_audit_log
    says which), without reading the platform's other territories: all of them for a platform
    admin, those they serve for anybody else."""
    from .territories.models import Territory

    return query if is_platform_admin(user) else query.where(Territory.id.in_(staff_territory_ids(user, "admin")))

