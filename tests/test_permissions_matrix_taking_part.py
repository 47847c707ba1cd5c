"""Who may take part — propose, comment, vote, follow, report, appeal — and who sees what the
moderators hold back, on the site and through the API: route × role, with the people, the world
and the expectations of test_permissions_matrix.py."""
from types import SimpleNamespace

import pytest

from consult.api.auth import create_token
from consult.consultations.models import Consultation
from consult.extensions import db

from .fixtures import cheap_passwords  # noqa: F401  (autouse: passwords hashed cheaply)
from .test_permissions_matrix import HERE_ADMINS, LOGIN, ROLES, SIGNED_IN, assert_answered, expect
from .test_permissions_matrix import world  # noqa: F401  (the fixture: its people, territories, consultations)
from .test_permissions_matrix_staff import HERE_MODERATORS, MODERATORS

# a confirmed account that is not blocked, whatever its roles: staff take part as residents do
TAKERS = ("resident", "moderator", "other_moderator", "other_admin", "territory_admin", "platform_admin")
NOBODY = {role: 403 for role in SIGNED_IN} | {"anonymous": LOGIN}  # its author's only: no role acts for them


def api(allowed, success=200):
    """expect() for the API: a visitor without a token is asked for one (401)."""
    return expect(allowed, anonymous=401, success=success)


@pytest.fixture
def part(world, make):
    """What one takes part in, in Here: a proposal and its comment by a resident, a proposal
    awaiting moderation, a proposal in a consultation open to votes, a proposal in the draft; a
    write token for each person."""
    here = world.people["moderator"].memberships[0].territory
    opened, draft = (db.session.get(Consultation, world.ids[key]) for key in ("opened_id", "draft_id"))
    author = make.user()
    proposal = make.proposal(opened, author)
    voting = make.proposal(make.consultation(here, phase="vote"), author)
    ids = {"proposal_id": proposal.id, "comment_id": make.comment(proposal, author).id, "author_id": author.id,
           "pending_id": make.proposal(opened, author, status="pending").id, "voting_id": voting.id,
           "draft_proposal_id": make.proposal(draft, author).id}
    tokens = {role: create_token(person, "tests", "write")[1] for role, person in world.people.items() if person}
    db.session.commit()
    return SimpleNamespace(ids={**world.ids, **ids}, tokens=tokens)


PROPOSAL = {"title": "Un banc sous le tilleul", "body": "Un banc à l'ombre, pour se reposer en chemin.",
            "action": "publish"}
COMMENT = {"body": "Une bonne idée pour le quartier."}
REPORT = {"reason": "spam"}
APPEAL = {"message": "Je n'ai rien publié de tel."}

PERSONAL = ("/me", "/me/activity", "/me/notifications", "/me/notifications/preferences")
IN_DRAFT = ("/consultations/{draft_id}", "/consultations/{draft_id}/proposals", "/proposals/{draft_proposal_id}",
            "/consultations/{draft_id}/proposals-excel.csv", "/consultations/{draft_id}/comments-excel.csv",
            "/consultations/{draft_id}/results", "/consultations/{draft_id}/results.csv",
            "/consultations/{draft_id}/results.json", "/consultations/{draft_id}/results-excel.csv")

# (method, url, {role: expected}, form sent); a form is valid, so that a refusal is the permission's
SITE = [
    # posting, commenting, voting and following: who takes part, not the unconfirmed nor the blocked
    ("GET", "/consultations/{opened_id}/proposals/new", expect(TAKERS), None),
    ("POST", "/consultations/{opened_id}/proposals/new", expect(TAKERS, success=302), PROPOSAL),
    ("POST", "/proposals/{proposal_id}/comments", expect(TAKERS, success=302), COMMENT),
    ("POST", "/proposals/{voting_id}/vote", expect(TAKERS, success=302), {"value": "1"}),
    ("POST", "/proposals/{voting_id}/vote/delete", expect(TAKERS, success=409), None),  # no vote
    ("POST", "/follow/proposal/{proposal_id}", expect(TAKERS, success=302), None),
    # a proposal's and a comment's author only: nobody edits, withdraws or deletes for them
    ("GET", "/proposals/{proposal_id}/edit", NOBODY, None),
    ("POST", "/proposals/{proposal_id}/edit", NOBODY, PROPOSAL),
    ("GET", "/comments/{comment_id}/edit", NOBODY, None),
    ("GET", "/comments/{comment_id}/delete", NOBODY, None),
    # reporting a proposal, a comment, a person where they took part
    ("GET", "/moderation/report/proposal/{proposal_id}", expect(TAKERS), None),
    ("POST", "/moderation/report/proposal/{proposal_id}", expect(TAKERS, success=302), REPORT),
    ("GET", "/moderation/report/comment/{comment_id}", expect(TAKERS), None),
    ("POST", "/moderation/report/comment/{comment_id}", expect(TAKERS, success=302), REPORT),
    ("GET", "/moderation/report/user/{author_id}?territory=here", expect(TAKERS), None),
    ("POST", "/moderation/report/user/{author_id}?territory=here", expect(TAKERS, success=302), REPORT),
    # what the moderators hold back: its author and Here's moderators see it, the others do not know it
    ("GET", "/proposals/{pending_id}", {role: 200 if role in HERE_MODERATORS else 404 for role in ROLES}, None),
    ("GET", "/moderation/report/proposal/{pending_id}", {**expect(()), **{role: 404 for role in TAKERS}}, None),
    # the decisions about oneself: one's own only; the blocked resident appeals their block
    ("GET", "/me/moderation", expect(SIGNED_IN), None),
    ("GET", "/me/moderation/{block_id}/appeal", {role: 200 if role == "blocked" else 404 for role in SIGNED_IN}
     | {"anonymous": LOGIN}, None),
    ("POST", "/me/moderation/{block_id}/appeal", {role: 302 if role == "blocked" else 404 for role in SIGNED_IN}
     | {"anonymous": LOGIN}, APPEAL),
    ("GET", "/territories/here/transparency", expect(ROLES), None),
    ("GET", "/comments/{comment_id}", {role: 302 for role in ROLES}, None),  # its place in the debate
    ("POST", "/proposals/{proposal_id}/withdraw", {**NOBODY, "anonymous": 403}, None),  # a form on its page
    *[("GET", url, expect(SIGNED_IN), None) for url in PERSONAL],
    # a draft, its proposals and what is drawn from them: its territory's admins only, nobody
    # else knows it exists
    *[("GET", url, {role: 200 if role in HERE_ADMINS else 404 for role in ROLES}, None) for url in IN_DRAFT],
]

# (method, url, {role: expected}, JSON sent), with the person's write token (a visitor: none)
API = [
    ("POST", "/api/v1/consultations/{opened_id}/proposals", api(TAKERS, success=201),
     {"title": PROPOSAL["title"], "body": PROPOSAL["body"]}),
    ("POST", "/api/v1/proposals/{proposal_id}/comments", api(TAKERS, success=201), COMMENT),
    ("PUT", "/api/v1/proposals/{voting_id}/vote", api(TAKERS), {"value": 1}),
    ("POST", "/api/v1/reports", api(TAKERS, success=201),
     {"target_type": "comment", "target_id": "{comment_id}", "reason": "spam"}),
    ("POST", "/api/v1/reports", api(TAKERS, success=201),
     {"target_type": "user", "target_id": "{author_id}", "territory": "here", "reason": "spam"}),
    ("GET", "/api/v1/proposals/{pending_id}", {role: 200 if role in HERE_MODERATORS else 404 for role in ROLES},
     None),
    ("GET", "/api/v1/proposals/{pending_id}/comments", {role: 200 if role in HERE_MODERATORS else 404
                                                        for role in ROLES}, None),
    *[("GET", url, {role: 200 if role in HERE_ADMINS else 404 for role in ROLES}, None) for url in (
        "/api/v1/consultations/{draft_id}", "/api/v1/consultations/{draft_id}/proposals",
        "/api/v1/consultations/{draft_id}/results", "/api/v1/proposals/{draft_proposal_id}")],
    ("GET", "/api/v1/moderation/queue", api(MODERATORS), None),
    ("POST", "/api/v1/moderation/actions", api(HERE_MODERATORS, success=201),
     {"target_type": "proposal", "target_id": "{proposal_id}", "action": "hide", "reason": "spam",
      "explanation": "Publicité."}),
    ("GET", "/api/v1/moderation/log?territory=here", api(HERE_ADMINS), None),
    ("PUT", "/api/v1/proposals/{proposal_id}/answer", api(HERE_ADMINS),
     {"state": "accepted", "text": {"fr": "Retenue : les travaux commencent en mai."}}),
    ("PATCH", "/api/v1/consultations/{opened_id}", api(HERE_ADMINS), {"title": {"fr": "Budget 2031"}}),
]


def _filled(value, ids):
    if isinstance(value, str):
        value = value.format(**ids)
        return int(value) if value.isdigit() else value
    return value


SITE_CASES = [pytest.param(method, url, role, table[role], form, id=f"{method} {url} {role}")
              for method, url, table, form in SITE for role in ROLES]
API_CASES = [pytest.param(method, url, role, table[role], body,
                          id=f"{method} {url} {(body or {}).get('target_type', '')} {role}")
             for method, url, table, body in API for role in ROLES]


@pytest.mark.parametrize("method, url, role, expected, form", SITE_CASES)
def test_route_role_matrix(client, login, world, part, method, url, role, expected, form):
    person = world.people[role]
    if person is not None:
        login(person)
    data = {key: value.format(**part.ids) for key, value in (form or {}).items()}
    response = client.open(url.format(**part.ids), method=method, data=data)
    assert_answered(response, expected)


@pytest.mark.parametrize("method, url, role, expected, body", API_CASES)
def test_api_role_matrix(client, world, part, method, url, role, expected, body):
    token = part.tokens.get(role)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    json = {key: _filled(value, part.ids) for key, value in body.items()} if body else None
    response = client.open(url.format(**part.ids), method=method, json=json, headers=headers)
    assert response.status_code == expected, response.get_data(as_text=True)
