"""Who may open the staff's pages — the consultation back office, a proposal's official answer, the
moderation queue, items, appeals and audit log, the staff activity log — and one's own API tokens:
route × role, with the people, the world and the expectations of test_permissions_matrix.py."""
from types import SimpleNamespace

import pytest

from consult.api.auth import create_token
from consult.consultations.models import Consultation
from consult.extensions import db
from consult.moderation.models import Appeal, ModerationAction

from .fixtures import cheap_passwords  # noqa: F401  (autouse: passwords hashed cheaply)
from .test_permissions_matrix import ADMINS, HERE_ADMINS, LOGIN, PLATFORM, ROLES, SIGNED_IN, assert_answered, expect
from .test_permissions_matrix import world  # noqa: F401  (the fixture: its people, territories, consultations)

MODERATORS = ("moderator", "other_moderator", "other_admin", "territory_admin")  # of some territory: the queue opens
HERE_MODERATORS = ("moderator", "territory_admin")  # of Here: its items, appeals and decisions
CONFIRMED = SIGNED_IN[1:]


@pytest.fixture
def staff(world, make):
    """What the staff act on in Here: a proposal and its comment by a resident, both published; a
    proposal hidden by a moderator outside the roles and a comment hidden by the role's moderator,
    each appealed by their author; a proposal in the draft; an API token for each person, and one
    of somebody else's."""
    here = world.people["moderator"].memberships[0].territory
    opened, draft = (db.session.get(Consultation, world.ids[key]) for key in ("opened_id", "draft_id"))
    author = make.user()
    decider = make.member(make.user(), here, "moderator")
    proposal = make.proposal(opened, author)
    comment = make.comment(proposal, author)
    hidden = make.proposal(opened, author, title="Une idée cachée", status="hidden")
    hidden_comment = make.comment(proposal, author, status="hidden")

    def appealed(target_type, target, moderator):
        action = ModerationAction(territory_id=here.id, moderator_id=moderator.id, subject_user_id=author.id,
                                  target_type=target_type, target_id=target.id, action="hide", rule="spam",
                                  explanation="Publicité.")
        return Appeal(action=action, author_id=author.id, message="Ce n'est pas de la publicité.")

    appeals = [appealed("proposal", hidden, decider), appealed("comment", hidden_comment, world.people["moderator"])]
    db.session.add_all(appeals)
    tokens = {role: create_token(person, "tests")[0] for role, person in world.people.items() if person}
    stranger = create_token(author, "tests")[0]
    db.session.commit()
    ids = {"here_id": here.id, "author_id": author.id, "proposal_id": proposal.id, "comment_id": comment.id,
           "pending_id": make.proposal(opened, author, status="pending").id,
           "draft_proposal_id": make.proposal(draft, author).id, "appeal_id": appeals[0].id,
           "moderators_appeal_id": appeals[1].id, "stranger_token_id": stranger.id}
    # one's own token; a visitor has none, and is sent to sign in before any is looked at
    own = {role: token.id for role, token in tokens.items()} | {"anonymous": stranger.id}
    return SimpleNamespace(ids={**world.ids, **ids}, own_token_ids=own)


CONSULTATION = {"title_fr": "Budget participatif", "summary_fr": "Résumé", "description_fr": "Description",
                "participation": "confirmed", "moderation": "post", "vote_mode": "support",
                "max_proposals_per_person": "0", "max_votes": "0", "support_threshold": "0"}
ANSWER = {"state": "accepted", "text_fr": "Retenue : les travaux commencent en mai."}
HIDE = {"target_type": "proposal", "target_id": "{proposal_id}", "action": "hide", "rule": "spam",
        "explanation": "Publicité."}
CONFIRM = {"decision": "confirmed", "decision_text": "La règle est claire."}
TOKEN = {"name": "Site de la mairie", "scope": "read"}
NOWHERE = {role: 404 for role in SIGNED_IN} | {"anonymous": LOGIN}  # nobody's but its owner's
LOGS = ("/moderation/log", "/moderation/log.csv", "/moderation/log-excel.csv")

# (method, url, {role: expected}, form sent); a form is valid, so that a refusal is the permission's
MATRIX = [
    # the consultation back office: Here's admins; another territory's admin runs theirs only
    ("GET", "/admin/territories/here/consultations", expect(HERE_ADMINS), None),
    ("GET", "/admin/territories/there/consultations", expect(("other_admin", "platform_admin")), None),
    ("GET", "/admin/territories/here/consultations/new", expect(HERE_ADMINS), None),
    ("POST", "/admin/territories/here/consultations/new", expect(HERE_ADMINS, success=302), CONSULTATION),
    ("GET", "/admin/consultations/{draft_id}/edit", expect(HERE_ADMINS), None),
    ("POST", "/admin/consultations/{draft_id}/edit", expect(HERE_ADMINS, success=302), CONSULTATION),
    ("GET", "/admin/consultations/{opened_id}/edit", expect(HERE_ADMINS), None),
    ("POST", "/admin/consultations/{draft_id}/status", expect(HERE_ADMINS, success=303), {"action": "publish"}),
    ("POST", "/admin/consultations/{opened_id}/status", expect(HERE_ADMINS, success=303), {"action": "archive",
                                                                                          "confirm": "1"}),
    # the official answer: Here's admins, not its moderators; a proposal awaiting moderation is
    # not found by those who do not see it
    ("POST", "/proposals/{proposal_id}/answer", expect(HERE_ADMINS, success=302), ANSWER),
    ("POST", "/proposals/{pending_id}/answer", {**expect(HERE_ADMINS, success=409), "unconfirmed": 404,
                                                 "resident": 404, "blocked": 404, "other_moderator": 404,
                                                 "other_admin": 404}, ANSWER),
    # a draft's proposal: saved for when it is published; nobody else knows the draft exists
    ("POST", "/proposals/{draft_proposal_id}/answer", {**{role: 302 if role in HERE_ADMINS else 404 for role in ROLES}, "anonymous": LOGIN},
     ANSWER),
    ("GET", "/proposals/{proposal_id}/answer", {role: 405 for role in ROLES}, None),  # a form on the proposal
    # moderation: the queues of one's territories; Here's items for Here's moderators; the
    # platform admin moderates no territory
    ("GET", "/moderation/", expect(MODERATORS), None),
    ("GET", "/moderation/?territory={here_id}", expect(HERE_MODERATORS), None),
    ("GET", "/moderation/item/proposal/{proposal_id}", expect(HERE_MODERATORS), None),
    ("GET", "/moderation/item/comment/{comment_id}", expect(HERE_MODERATORS), None),
    ("GET", "/moderation/item/user/{author_id}?territory=here", expect(HERE_MODERATORS), None),
    ("POST", "/moderation/act", expect(HERE_MODERATORS, success=302), HIDE),
    ("GET", "/moderation/appeals", expect(MODERATORS), None),
    ("GET", "/moderation/appeals/{appeal_id}", expect(HERE_MODERATORS), None),
    ("POST", "/moderation/appeals/{appeal_id}", expect(HERE_MODERATORS, success=302), CONFIRM),
    # an appeal against the role's moderator: they see it, another member of staff decides it
    ("GET", "/moderation/appeals/{moderators_appeal_id}", expect(HERE_MODERATORS), None),
    ("POST", "/moderation/appeals/{moderators_appeal_id}", expect(("territory_admin",), success=302), CONFIRM),
    # the audit log and its downloads: admins, of their territories' entries; the platform admin, all
    *[("GET", url, expect(ADMINS), None) for url in LOGS],
    *[("GET", url + "?territory={here_id}", expect(HERE_ADMINS), None) for url in LOGS],
    # the staff activity log: a territory's, for its admins; the whole platform's, for the platform admins
    ("GET", "/admin/territories/here/log", expect(HERE_ADMINS), None),
    ("GET", "/admin/territories/there/log", expect(("other_admin", "platform_admin")), None),
    ("GET", "/admin/log", expect(PLATFORM), None),
    ("GET", "/admin/log?territory=here", expect(PLATFORM), None),
    # API tokens: one's own; a new one once the address is confirmed; nobody else's, whoever asks
    ("GET", "/me/tokens", expect(SIGNED_IN), None),
    ("POST", "/me/tokens", expect(CONFIRMED), TOKEN),
    ("POST", "/me/tokens/{own_token_id}/revoke", expect(SIGNED_IN, success=302), None),
    ("POST", "/me/tokens/{stranger_token_id}/revoke", NOWHERE, None),
]

CASES = [pytest.param(method, url, role, table[role], form, id=f"{method} {url} {role}")
         for method, url, table, form in MATRIX for role in ROLES]


@pytest.mark.parametrize("method, url, role, expected, form", CASES)
def test_route_role_matrix(client, login, world, staff, method, url, role, expected, form):
    person = world.people[role]
    if person is not None:
        login(person)
    ids = {**staff.ids, "own_token_id": staff.own_token_ids[role]}
    data = {key: value.format(**ids) for key, value in (form or {}).items()}
    response = client.open(url.format(**ids), method=method, data=data)
    response.close()  # a download's file with it
    assert_answered(response, expected)
    if method == "POST" and expected in (302, 303):  # done, and said so: not a form sent back
        with client.session_transaction() as session:
            assert [category for category, _message in session.get("_flashes", [])] == ["success"]
