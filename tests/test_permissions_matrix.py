"""Who may open the territory, administration, platform and personal-data pages: route × role, and the
permission functions themselves as a table (no request, no app)."""
import hashlib
import os
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from consult import permissions
from consult.consultations.models import ConsultationDocument, ConsultationNews
from consult.database import utcnow
from consult.demo.pdf import simple_pdf
from consult.extensions import db
from consult.moderation.models import ModerationAction
from consult.pages.models import Page
from consult.phases import PHASE_KINDS, PhaseDates
from consult.territories.models import Invitation, Membership, ResidentVerification

from .fixtures import cheap_passwords  # noqa: F401  (autouse: passwords hashed cheaply)

PDF = simple_pdf("Dossier", [])

# "blocked": a resident blocked by Here's moderators (a block holds on the whole platform);
# "other_moderator" and "other_admin": the staff of another territory, There
ROLES = ("anonymous", "unconfirmed", "resident", "blocked", "moderator", "other_moderator", "other_admin",
         "territory_admin", "platform_admin")
LOGIN = "login"  # 302 to the sign-in page


@pytest.fixture
def world(app, make):
    """A territory with its staff, another territory with its own, and one person per role."""
    here = make.territory(slug="here", name="Here")
    blocked_until = utcnow() + timedelta(days=7)
    there = make.territory(slug="there", name="There")
    people = {
        "anonymous": None,
        "unconfirmed": make.user(confirmed=False),
        "resident": make.user(),
        "blocked": make.user(blocked_until=blocked_until),
        "moderator": make.member(make.user(), here, "moderator"),
        "other_moderator": make.member(make.user(), there, "moderator"),
        "other_admin": make.member(make.user(), there, "admin"),
        "territory_admin": make.member(make.user(), here, "admin"),
        "platform_admin": make.user(platform_admin=True),
    }
    target = make.member(make.user(), here, "moderator")
    draft = make.consultation(here, status="draft", phase=None)
    news = ConsultationNews(consultation=draft, title={"fr": "Réunion"}, body={"fr": "Jeudi."},
                            published_at=utcnow())
    document = ConsultationDocument(consultation=draft, title={"fr": "Dossier"}, file_path="documents/dossier.pdf",
                                    file_format="pdf", size=len(PDF))
    os.makedirs(os.path.join(app.config["UPLOAD_FOLDER"], "documents"), exist_ok=True)
    with open(os.path.join(app.config["UPLOAD_FOLDER"], "documents", "dossier.pdf"), "wb") as out:
        out.write(PDF)
    opened = make.consultation(here)
    scheduled = ConsultationNews(consultation=opened, title={"fr": "Travaux"}, body={"fr": "Lundi."},
                                 published_at=utcnow() + timedelta(days=2))
    block = ModerationAction(territory_id=here.id, moderator_id=people["moderator"].id, action="block",
                             subject_user_id=people["blocked"].id, target_type="user", target_id=people["blocked"].id,
                             rule="spam", explanation="Publicité.", blocked_until=blocked_until)
    verified = ResidentVerification(territory_id=here.id, user=make.user())
    invited = [Invitation(territory=here, email=f"{role}@invited.example.org", role=role,
                          invited_by=people["platform_admin"], expires_at=utcnow() + timedelta(days=14),
                          token_hash=hashlib.sha256(f"{role}-token".encode()).hexdigest())
               for role in ("moderator", "admin")]
    db.session.add_all([block, Page(slug="terms", title={"fr": "Conditions"}, body={"fr": "Texte"}),
                        Page(slug="faq", title={"fr": "Questions"}, body={"fr": "Réponses"}), verified, news,
                        scheduled, document, *invited])
    db.session.commit()
    membership_id = db.session.scalar(db.select(Membership.id).filter_by(user_id=target.id))
    return SimpleNamespace(people=people, ids={"membership_id": membership_id, "verification_id": verified.id,
                                               "platform_admin_id": people["platform_admin"].id,
                                               "draft_id": draft.id, "unconfirmed_id": people["unconfirmed"].id,
                                               "news_id": news.id, "opened_id": opened.id,
                                               "scheduled_id": scheduled.id, "document_id": document.id,
                                               "block_id": block.id, "invitation_id": invited[0].id,
                                               "admin_invitation_id": invited[1].id})


def expect(allowed, anonymous=LOGIN, success=200):
    """{role: expected} where `allowed` are the roles that get `success`, the others 403."""
    table = {role: (success if role in allowed else 403) for role in ROLES}
    table["anonymous"] = success if "anonymous" in allowed else anonymous
    return table


EVERYONE = ROLES
ADMINS = ("other_admin", "territory_admin", "platform_admin")
HERE_ADMINS = ("territory_admin", "platform_admin")
PLATFORM = ("platform_admin",)
SIGNED_IN = ROLES[1:]

MATRIX = [
    ("GET", "/admin/", expect(ADMINS)),
    ("GET", "/admin/territories/new", expect(PLATFORM)),
    ("POST", "/admin/territories/new", expect(PLATFORM, success=422)),  # empty form: refused, not saved
    ("GET", "/admin/territories/here/edit", expect(PLATFORM)),
    ("POST", "/admin/territories/here/edit", expect(PLATFORM, success=422)),
    ("GET", "/admin/territories/here/members", expect(HERE_ADMINS)),
    ("POST", "/admin/territories/here/members", expect(HERE_ADMINS, success=422)),
    ("POST", "/admin/territories/here/members/{membership_id}/remove", expect(HERE_ADMINS, success=302)),
    # invitations of people without an account: withdrawn by whoever may give their role
    ("POST", "/admin/territories/here/invitations/{invitation_id}/withdraw", expect(HERE_ADMINS, success=302)),
    ("POST", "/admin/territories/here/invitations/{admin_invitation_id}/withdraw", expect(PLATFORM, success=302)),
    # an invitation's link: the invited address only takes the role, signed in (everybody here
    # has another address: told so); a link that is no invitation's is not found
    ("GET", "/auth/invitation/moderator-token", expect(("anonymous",), success=200) | {r: 403 for r in SIGNED_IN}),
    ("POST", "/auth/invitation/moderator-token", expect(("anonymous",), success=200) | {r: 403 for r in SIGNED_IN}),
    ("GET", "/auth/invitation/not-a-token", {role: 404 for role in ROLES}),
    ("GET", "/admin/territories/here/residents", expect(HERE_ADMINS)),
    ("POST", "/admin/territories/here/residents", expect(HERE_ADMINS, success=422)),
    ("POST", "/admin/territories/here/residents/{verification_id}/remove", expect(HERE_ADMINS, success=302)),
    ("GET", "/admin/pages/terms", expect(PLATFORM)),
    ("POST", "/admin/pages/terms", expect(PLATFORM, success=422)),
    ("GET", "/admin/pages/accessibility", expect(PLATFORM)),
    ("POST", "/admin/pages/accessibility", expect(PLATFORM, success=422)),
    ("GET", "/admin/pages/new", expect(PLATFORM)),
    ("POST", "/admin/pages/new", expect(PLATFORM, success=422)),
    ("POST", "/admin/pages/faq/delete", expect(PLATFORM, success=302)),
    ("GET", "/admin/accounts?q=example", expect(PLATFORM)),
    # an unconfirmed account is sent its link again; the others are told it is not available
    ("POST", "/admin/accounts/{unconfirmed_id}/confirmation", expect(PLATFORM, success=303)),
    ("GET", "/admin/platform-admins", expect(PLATFORM)),
    ("POST", "/admin/platform-admins", expect(PLATFORM, success=422)),
    # the only platform admin cannot give the role up: 409, the role kept
    ("POST", "/admin/platform-admins/{platform_admin_id}/remove", expect(PLATFORM, success=409)),
    ("GET", "/admin/consultations/{draft_id}/delete", expect(HERE_ADMINS)),
    ("POST", "/admin/consultations/{draft_id}/delete", expect(HERE_ADMINS, success=303)),
    # a draft's news, as the draft: its territory's admins only, nobody else knows it exists
    ("GET", "/consultations/{draft_id}/news", {role: 200 if role in HERE_ADMINS else 404 for role in ROLES}),
    ("GET", "/consultations/{draft_id}/news/{news_id}", {role: 200 if role in HERE_ADMINS else 404 for role in ROLES}),
    ("GET", "/consultations/{draft_id}/news.atom", {role: 200 if role in HERE_ADMINS else 404 for role in ROLES}),
    ("GET", "/consultations/{draft_id}/calendar.ics", {role: 200 if role in HERE_ADMINS else 404 for role in ROLES}),
    ("GET", "/api/v1/consultations/{draft_id}/news", {role: 404 for role in ROLES}),  # no token: public
    ("GET", "/admin/consultations/{draft_id}/news", expect(HERE_ADMINS)),
    ("POST", "/admin/consultations/{draft_id}/news", expect(HERE_ADMINS, success=422)),  # empty: refused
    ("GET", "/admin/news/{news_id}/edit", expect(HERE_ADMINS)),
    ("POST", "/admin/news/{news_id}/edit", expect(HERE_ADMINS, success=422)),
    ("POST", "/admin/news/{news_id}/delete", expect(HERE_ADMINS, success=303)),
    # a draft's documents, as the draft
    ("GET", "/consultations/{draft_id}/documents/{document_id}",
     {role: 200 if role in HERE_ADMINS else 404 for role in ROLES}),
    ("GET", "/api/v1/consultations/{draft_id}/documents", {role: 404 for role in ROLES}),  # no token: public
    ("GET", "/admin/consultations/{draft_id}/documents", expect(HERE_ADMINS)),
    ("POST", "/admin/consultations/{draft_id}/documents", expect(HERE_ADMINS, success=422)),  # empty: refused
    ("GET", "/admin/documents/{document_id}/edit", expect(HERE_ADMINS)),
    ("POST", "/admin/documents/{document_id}/edit", expect(HERE_ADMINS, success=422)),  # empty: refused
    ("POST", "/admin/documents/{document_id}/delete", expect(HERE_ADMINS, success=303)),
    # news scheduled: in the back office only until its time comes
    ("GET", "/consultations/{opened_id}/news/{scheduled_id}", {role: 404 for role in ROLES}),
    ("GET", "/admin/news/{scheduled_id}/edit", expect(HERE_ADMINS)),
    ("GET", "/territories/", expect(EVERYONE)),
    ("GET", "/territories/here", expect(EVERYONE)),
    ("GET", "/pages/terms", expect(EVERYONE)),
    ("GET", "/accessibility", expect(EVERYONE)),
    ("POST", "/me/email", expect(SIGNED_IN, success=422)),  # an empty form: refused, nothing sent
    ("GET", "/me/email/confirm/not-a-token", expect(EVERYONE, success=400)),  # the link alone decides
    ("POST", "/me/email/confirm/not-a-token", expect(EVERYONE, success=400)),
    ("GET", "/me/data.json", expect(SIGNED_IN)),  # one's own data only: nobody else's is reachable
    ("GET", "/me/delete", expect(SIGNED_IN)),
    # an empty form is refused, nothing deleted; the only platform admin is asked to appoint another first
    ("POST", "/me/delete", {**expect(SIGNED_IN, success=422), "platform_admin": 409}),
]

CASES = [pytest.param(method, url, role, table[role], id=f"{method} {url} {role}")
         for method, url, table in MATRIX for role in ROLES]


@pytest.mark.parametrize("method, url, role, expected", CASES)
def test_route_role_matrix(client, login, world, method, url, role, expected):
    person = world.people[role]
    if person is not None:
        login(person)
    response = client.open(url.format(**world.ids), method=method, data={})
    response.close()  # a download's file with it
    assert_answered(response, expected)


def assert_answered(response, expected):
    """`expected`: a status, or LOGIN (a redirect to the sign-in page); a 302 leads anywhere else."""
    if expected == LOGIN:
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]
    elif expected == 302:
        assert response.status_code == 302
        assert "/auth/login" not in response.headers["Location"]
    else:
        assert response.status_code == expected


# --- the permission functions as a table -----------------------------------------------------

HERE, THERE = SimpleNamespace(id=1), SimpleNamespace(id=2)


def person(platform=False, confirmed=True, roles=(), verified_in=(), blocked=False):
    return SimpleNamespace(
        is_authenticated=True, is_platform_admin=platform, is_confirmed=confirmed,
        is_blocked=lambda now=None: blocked,
        memberships=[SimpleNamespace(territory_id=t.id, role=r) for t, r in roles],
        verifications=[SimpleNamespace(territory_id=t.id) for t in verified_in])


PEOPLE = {
    "anonymous": lambda: AnonymousUserMixin(),
    "unconfirmed": lambda: person(confirmed=False),
    "resident": lambda: person(),
    "verified_resident": lambda: person(verified_in=[HERE]),
    "blocked": lambda: person(blocked=True),
    "moderator": lambda: person(roles=[(HERE, "moderator")]),
    "other_moderator": lambda: person(roles=[(THERE, "moderator")]),
    "other_admin": lambda: person(roles=[(THERE, "admin")]),
    "territory_admin": lambda: person(roles=[(HERE, "admin")]),
    "platform_admin": lambda: person(platform=True),
}

#                          platform  manage-here  see-admin  appoint-admin  appoint-mod  edit-pages  verify-here
TABLE = {
    "anonymous":          (False,    False,       False,     False,         False,       False,      False),
    "unconfirmed":        (False,    False,       False,     False,         False,       False,      False),
    "resident":           (False,    False,       False,     False,         False,       False,      False),
    "verified_resident":  (False,    False,       False,     False,         False,       False,      False),
    "blocked":            (False,    False,       False,     False,         False,       False,      False),
    "moderator":          (False,    False,       False,     False,         False,       False,      False),
    "other_moderator":    (False,    False,       False,     False,         False,       False,      False),
    "other_admin":        (False,    False,       True,      False,         False,       False,      False),
    "territory_admin":    (False,    True,        True,      False,         True,        False,      True),
    "platform_admin":     (True,     True,        True,      True,          True,        True,       True),
}


@pytest.mark.parametrize("role", PEOPLE)
def test_permission_functions_table(role):
    user = PEOPLE[role]()
    got = (
        permissions.can_manage_platform(user),
        permissions.can_manage_territory(user, HERE),
        permissions.can_see_admin(user),
        permissions.can_appoint(user, HERE, "admin"),
        permissions.can_appoint(user, HERE, "moderator"),
        permissions.can_edit_pages(user),
        permissions.can_verify_residents(user, HERE),
    )
    assert got == TABLE[role]


@pytest.mark.parametrize("role", PEOPLE)
def test_an_invitation_stands_while_its_sender_may_give_the_role_and_goes_to_its_address_once_confirmed(role):
    sender = PEOPLE[role]()
    invited = {r: SimpleNamespace(territory=HERE, role=r, email="nina@example.org", invited_by=sender)
               for r in ("admin", "moderator")}
    assert permissions.invitation_stands(invited["admin"]) is (role == "platform_admin")
    assert permissions.invitation_stands(invited["moderator"]) is (role in ("territory_admin", "platform_admin"))
    by_platform = SimpleNamespace(**{**vars(invited["moderator"]), "invited_by": PEOPLE["platform_admin"]()})
    user = PEOPLE[role]()
    if role != "anonymous":
        user.email = "Nina@Example.org"
    assert permissions.is_invited(user, by_platform) is (role != "anonymous")
    assert permissions.can_accept_invitation(user, by_platform) is (role not in ("anonymous", "unconfirmed"))
    if role != "anonymous":
        user.email = "bob@example.org"
    assert permissions.can_accept_invitation(user, by_platform) is False


@pytest.mark.parametrize("role", PEOPLE)
def test_who_takes_part_in_a_consultation_open_to_verified_residents_only(role):
    """Verified by the staff of the consultation's territory, and nobody else: not another
    territory's verification, not a role, not even the platform admin."""
    user = PEOPLE[role]()
    here = SimpleNamespace(status="published", participation="verified", territory_id=HERE.id)
    there = SimpleNamespace(status="published", participation="verified", territory_id=THERE.id)
    everyone = SimpleNamespace(status="published", participation="confirmed", territory_id=HERE.id)
    assert permissions.can_take_part(user, here) is (role == "verified_resident")
    assert permissions.can_take_part(user, there) is False
    assert permissions.can_take_part(user, everyone) is (role not in ("anonymous", "unconfirmed", "blocked"))


@pytest.mark.parametrize("role", ROLES)
def test_moderation_rights_follow_the_territory(role):
    user = PEOPLE[role]()
    expected = role in ("moderator", "territory_admin")
    assert permissions.is_moderator(user, HERE.id) is expected
    assert permissions.is_moderator(user, THERE.id) is (role in ("other_moderator", "other_admin"))


def test_require_aborts_with_403():
    from werkzeug.exceptions import Forbidden

    permissions.require(True)
    with pytest.raises(Forbidden):
        permissions.require(False)


@pytest.mark.parametrize("role", ROLES)
def test_own_things_are_for_their_owner_only(role):
    """Notifications, API tokens and the decisions about a person are theirs alone: no role,
    not even the platform admin's, reads them or acts on them for someone else."""
    user = PEOPLE[role]()
    if role != "anonymous":
        user.id = 7
    mine, theirs = SimpleNamespace(user_id=7, subject_user_id=7), SimpleNamespace(user_id=8, subject_user_id=8)
    for check in (permissions.can_read_notification, permissions.can_revoke_token, permissions.can_appeal_decision):
        assert check(user, mine) is (role != "anonymous")
        assert check(user, theirs) is False


@pytest.mark.parametrize("role", ROLES)
def test_pending_comments_are_seen_by_their_author_and_the_moderators_only(role):
    user = PEOPLE[role]()
    if role != "anonymous":
        user.id = 7
    pending, own = SimpleNamespace(status="pending", author_id=8), SimpleNamespace(status="rejected", author_id=7)
    assert permissions.can_view_comment(user, SimpleNamespace(status="published", author_id=8), HERE.id)
    assert permissions.can_view_comment(user, pending, HERE.id) is (role in ("moderator", "territory_admin"))
    assert permissions.can_view_comment(user, own, HERE.id) is (role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_a_comment_reached_by_its_id_is_seen_as_in_its_thread(role):
    """Its address, a reply to it, its edit and delete pages: what the thread hides is not there; a
    notice about it, only while its text is shown."""
    user = PEOPLE[role]()
    if role != "anonymous":
        user.id = 7
    consultation = SimpleNamespace(status="published", territory_id=HERE.id)
    shown = SimpleNamespace(status="published", author_id=9, consultation=consultation)
    held = SimpleNamespace(status="pending", author_id=9, consultation=consultation)
    staff = role in ("moderator", "territory_admin")
    for status in ("published", "hidden", "deleted"):
        assert permissions.can_see_comment(user, SimpleNamespace(status=status, author_id=8, proposal=shown,
                                                                 published_at=utcnow()))
    assert permissions.can_see_comment(user, SimpleNamespace(status="pending", author_id=8, proposal=shown)) is staff
    # deleted before it was published (awaiting moderation, or rejected): seen by no one more than before
    never_published = SimpleNamespace(status="deleted", author_id=8, proposal=shown, published_at=None)
    assert permissions.can_see_comment(user, never_published) is staff
    assert permissions.can_see_comment(user, SimpleNamespace(status="rejected", author_id=7, proposal=shown)) is (
        role != "anonymous")
    assert permissions.can_see_comment(user, SimpleNamespace(status="published", author_id=8, proposal=held)) is staff
    # a notice about it promises its text: not a placeholder, even to the moderators
    for status in ("hidden", "deleted"):
        assert not permissions.can_read_comment(user, SimpleNamespace(status=status, author_id=8, proposal=shown))
    assert permissions.can_read_comment(user, SimpleNamespace(status="published", author_id=8, proposal=shown))
    assert permissions.can_read_comment(user, SimpleNamespace(status="pending", author_id=8, proposal=shown)) is staff


@pytest.mark.parametrize("role, target_is_admin, others, allowed", [
    ("platform_admin", True, 1, True),
    ("platform_admin", True, 0, False),  # never the last one not blocked
    ("platform_admin", False, 1, False),  # nobody to take the role from
    ("territory_admin", True, 1, False),
    ("anonymous", True, 1, False),
])
def test_who_may_take_back_the_platform_admin_role(role, target_is_admin, others, allowed):
    target = SimpleNamespace(is_platform_admin=target_is_admin)
    assert permissions.can_remove_platform_admin(PEOPLE[role](), target, others) is allowed


@pytest.mark.parametrize("role, author, action, refusal", [
    ("resident", "resident", "hide", "not_moderator"),
    ("other_admin", "resident", "hide", "not_moderator"),  # another territory's
    ("moderator", "self", "warn", "own"),
    ("moderator", "resident", "block", None),
    ("moderator", "other_admin", "block", "staff"),  # staff anywhere: blocked by the platform admin only
    ("moderator", "other_admin", "warn", None),
    ("territory_admin", "platform_admin", "block", "staff"),
    ("platform_admin", "territory_admin", "block", "not_moderator"),  # moderates no territory itself
])
def test_who_may_take_a_moderation_decision(role, author, action, refusal):
    """The back office and the API ask the same question (can_decide / decision_refusal)."""
    user = PEOPLE[role]()
    user.id = 7
    person = user if author == "self" else PEOPLE[author]()
    target = SimpleNamespace(territory_id=HERE.id, author_id=7 if author == "self" else 8, author=person)
    assert permissions.decision_refusal(user, target, action) == refusal
    assert permissions.can_decide(user, target, action) is (refusal is None)



# --- a proposal's author: editing and withdrawing, by the consultation's moment ---------------

NOW = datetime(2030, 6, 15, 12)


class _Phase(PhaseDates):
    def __init__(self, kind, starts_at, ends_at):
        self.kind, self.starts_at, self.ends_at = kind, starts_at, ends_at


def consultation_at(moment, status):
    """Four phases of ten days that put NOW at `moment`: a phase open, 'gap' (the vote ended
    yesterday, the results come out tomorrow) or 'over' (every phase ended)."""
    if moment == "gap":
        starts = dict(zip(PHASE_KINDS, (-31, -21, -11, 1)))
    else:
        current = PHASE_KINDS.index(moment) if moment in PHASE_KINDS else len(PHASE_KINDS)
        starts = {kind: 10 * (i - current) - 5 for i, kind in enumerate(PHASE_KINDS)}
    return SimpleNamespace(status=status, territory_id=HERE.id, participation="confirmed", phases=[
        _Phase(kind, NOW + timedelta(days=start), NOW + timedelta(days=start + 10)) for kind, start in starts.items()])


# the consultation's moment and status: why its author may not edit, nor withdraw, a published
# proposal with no vote nor comment (None: they may)
MOMENTS = [
    ("proposals", "published", None, None),
    ("vote", "published", "phase_closed", None),
    ("gap", "published", "phase_closed", "closed"),
    ("results", "published", "phase_closed", "closed"),
    ("over", "published", "phase_closed", "closed"),
    ("proposals", "archived", "phase_closed", "closed"),
    ("vote", "archived", "phase_closed", "closed"),
    ("proposals", "draft", "phase_closed", "closed"),
]


@pytest.mark.parametrize("moment, status, edit, withdraw", MOMENTS)
def test_the_author_edits_while_proposals_are_collected_and_withdraws_until_the_vote_is_over(
        moment, status, edit, withdraw):
    """Once the consultation is archived or its vote over, its results stand: nothing changes them."""
    author = person()
    author.id = 7
    proposal = SimpleNamespace(author_id=7, status="published", votes_for=0, votes_against=0, votes_abstain=0,
                               comments_count=0, consultation=consultation_at(moment, status))
    assert permissions.edit_proposal_refusal(author, proposal, NOW) == edit
    assert permissions.withdraw_proposal_refusal(author, proposal, NOW) == withdraw
    for role in ROLES:  # nobody else, whatever their role
        user = PEOPLE[role]()
        user.id = 8
        assert permissions.edit_proposal_refusal(user, proposal, NOW) == "not_allowed"
        assert permissions.withdraw_proposal_refusal(user, proposal, NOW) == "not_allowed"
    proposal.votes_for = 1
    assert permissions.edit_proposal_refusal(author, proposal, NOW) == "reacted"  # the rule of before stays


# the proposal's status and the consultation's moment: why a resident may not vote on it, nor
# take back a vote cast before (None: they may). A vote on a proposal withdrawn, hidden or
# rejected since is taken back while votes are open, so that it stops using one of theirs.
VOTES = [
    ("vote", "published", None, None),
    ("vote", "withdrawn", "proposal_closed", None),
    ("vote", "hidden", "proposal_closed", None),
    ("vote", "rejected", "proposal_closed", None),
    ("vote", "pending", "proposal_closed", None),
    ("gap", "published", "phase_closed", "phase_closed"),
    ("gap", "withdrawn", "proposal_closed", "phase_closed"),
    ("results", "published", "phase_closed", "phase_closed"),
]


@pytest.mark.parametrize("moment, status, vote, take_back", VOTES)
def test_residents_vote_on_open_proposals_and_take_their_vote_back_from_closed_ones(moment, status, vote,
                                                                                   take_back):
    consultation = consultation_at(moment, "published")
    consultation.participation, consultation.vote_mode, consultation.supports_during_proposals = "open", "support", False
    proposal = SimpleNamespace(status=status, consultation=consultation)
    resident = person()
    assert permissions.vote_refusal(resident, proposal, NOW) == vote
    assert permissions.vote_withdrawal_refusal(resident, proposal, NOW) == take_back
    assert permissions.vote_withdrawal_refusal(PEOPLE["anonymous"](), proposal, NOW) == "sign_in"
    assert permissions.vote_withdrawal_refusal(PEOPLE["unconfirmed"](), proposal, NOW) == (take_back or "not_resident")
