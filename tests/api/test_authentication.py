"""Every operation of the API authenticates its caller; the other pages do not read the API's token."""
import re

import pytest


def _operations(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path, item in spec["paths"].items():
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                yield method, re.sub(r"\{[^}]+\}", "1", path)


def test_every_operation_refuses_a_bad_token(app, client):
    operations = list(_operations(client))
    routes = {(method.lower(), re.sub(r"<(?:\w+:)?\w+>", "1", rule.rule)) for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/v1/") and rule.endpoint.split(".")[0] not in ("api", "api-docs")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert set(operations) == routes and len(operations) == len(routes)  # the document lists every operation
    for method, url in operations:
        response = client.open(url, method=method.upper(), json={}, headers={"Authorization": "Bearer nope"})
        assert response.status_code == 401, (method, url)
        assert response.get_json()["error"]["code"] == 401


@pytest.mark.parametrize("url", ["/", "/api/v1/docs", "/api/v1/openapi.json"])
def test_pages_outside_the_resources_ignore_the_token(client, url):
    assert client.get(url, headers={"Authorization": "Bearer nope"}).status_code == 200


def test_the_token_owner_is_the_caller_and_the_session_is_not_read(client, make, login, token_for):
    owner, other = make.user(name="Owner"), make.user(name="Other")
    headers = token_for(owner, "read")
    login(other)
    assert client.get("/api/v1/me", headers=headers).get_json()["display_name"] == "Owner"
    assert client.get("/api/v1/me").status_code == 401
