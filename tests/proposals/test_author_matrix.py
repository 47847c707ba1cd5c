"""Route × role matrix of a proposal's edit and withdrawal, on the site and through the API, at
each moment of its consultation: the author edits while proposals are collected and withdraws
until the vote is over; nobody else ever does."""
import pytest

from consult.api.auth import create_token
from consult.extensions import db

LOGIN = "login"  # 302 to the sign-in page
ROUTES = [
    ("GET", "/proposals/{id}/edit"),
    ("POST", "/proposals/{id}/withdraw"),
    ("PATCH", "/api/v1/proposals/{id}"),
    ("POST", "/api/v1/proposals/{id}/withdraw"),
]
# (phase open now, consultation status): the author's answer on each route
AUTHOR = {
    ("proposals", "published"): (200, 302, 200, 200),
    ("vote", "published"): (403, 302, 403, 200),
    ("results", "published"): (403, 403, 403, 403),
    ("vote", "archived"): (403, 403, 403, 403),
}
OTHERS = {
    "anonymous": (LOGIN, 403, 401, 401),
    "resident": (403, 403, 403, 403),
    "moderator": (403, 403, 403, 403),
    "territory_admin": (403, 403, 403, 403),
}
CASES = [pytest.param(moment, role, index, expected[index],
                      id=f"{moment[0]}-{moment[1]} {role} {ROUTES[index][0]} {ROUTES[index][1]}")
         for moment, author in AUTHOR.items()
         for role, expected in {"author": author, **OTHERS}.items()
         for index in range(len(ROUTES))]


def person(make, role, proposal):
    territory = proposal.consultation.territory
    return {"anonymous": lambda: None, "author": lambda: proposal.author, "resident": make.user,
            "moderator": lambda: make.member(make.user(), territory, "moderator"),
            "territory_admin": lambda: make.member(make.user(), territory, "admin")}[role]()


@pytest.mark.parametrize("moment, role, index, expected", CASES)
def test_route_role_moment_matrix(client, login, make, moment, role, index, expected):
    phase, status = moment
    proposal = make.proposal(make.consultation(phase=phase, status=status))
    user = person(make, role, proposal)
    method, url = ROUTES[index]
    url = url.format(id=proposal.id)
    headers = {}
    if url.startswith("/api/") and user is not None:
        _token, raw = create_token(user, "tests", "write")
        db.session.commit()
        headers["Authorization"] = f"Bearer {raw}"
    elif user is not None:
        login(user)
    response = client.open(url, method=method, headers=headers,
                           json={"title": "Un titre tout à fait nouveau"} if method == "PATCH" else None)
    if expected == LOGIN:
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    else:
        assert response.status_code == expected
    db.session.expire_all()
    changed = expected in (200, 302) and method != "GET"
    assert (db.session.get(type(proposal), proposal.id).status == "withdrawn") is (changed and "withdraw" in url)
