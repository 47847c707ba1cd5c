"""JSON bodies are read only where JSON is expected, the API, and only up to API_MAX_JSON_BYTES:
whatever else is sent is answered without reading (nor parsing) the body."""
import io
import json

import pytest

from consult.api.auth import create_token
from consult.extensions import db

LARGE = 256 * 1024 + 1  # one byte over the default API_MAX_JSON_BYTES


class Unread(io.RawIOBase):
    """A request body of `length` bytes that fails the test if anything reads it."""

    def __init__(self, length):
        super().__init__()
        self.length, self.position = length, 0

    def readable(self):
        return True

    def seekable(self):  # the test client measures it
        return True

    def seek(self, offset, whence=io.SEEK_SET):
        self.position = self.length if whence == io.SEEK_END else offset
        return self.position

    def tell(self):
        return self.position

    def readinto(self, buffer):
        raise AssertionError("the body was read")


@pytest.fixture
def unparsed(app, monkeypatch):
    """The app's JSON parser fails the test if called."""
    def loads(*args, **kwargs):
        raise AssertionError("the body was parsed")
    monkeypatch.setattr(app.json, "loads", loads)


def answer(response):
    """The JSON answer, read without the app's parser (a test may have made it fail), or None."""
    return json.loads(response.data) if response.mimetype == "application/json" else None


def send_unread(client, path, length, content_type="application/json", **kwargs):
    return client.post(path, input_stream=Unread(length), content_type=content_type, **kwargs)


@pytest.mark.parametrize("content_type", ["application/json", "application/merge-patch+json",
                                          "application/x-www-form-urlencoded"])
def test_a_body_over_the_limit_is_413_for_the_api_unread(client, unparsed, content_type):
    response = send_unread(client, "/api/v1/reports", LARGE, content_type, headers={"Authorization": "Bearer x"})
    assert response.status_code == 413
    assert answer(response)["error"] == {"code": 413, "message": "What you sent is too large.", "fields": {}}
    french = send_unread(client, "/api/v1/reports", LARGE, content_type, headers={"Accept-Language": "fr"})
    assert answer(french)["error"]["message"] == "Votre envoi est trop lourd."


def send_in_chunks(client, body, headers):
    """A body sent in chunks: no Content-Length, the server ends the stream (wsgi.input_terminated)."""
    stream = io.BytesIO(body)
    response = client.post("/api/v1/reports", input_stream=stream, content_type="application/json",
                           headers={"Transfer-Encoding": "chunked", **headers},
                           environ_overrides={"wsgi.input_terminated": True})
    return response, stream.tell()


def test_a_body_without_length_over_the_limit_is_413_read_no_further(app, client, make):
    app.config["API_MAX_JSON_BYTES"] = 1000
    headers = {"Authorization": f"Bearer {create_token(make.user(), 'script', 'write')[1]}"}
    report = json.dumps({"target_type": "proposal", "target_id": make.proposal().id, "reason": "spam"}).encode()
    db.session.commit()
    response, read = send_in_chunks(client, b"[" + b"[]," * 100_000 + b"[]]", headers)
    assert response.status_code == 413
    assert answer(response)["error"]["message"] == "What you sent is too large."
    assert read == 1001  # one byte past the limit tells it is over it
    assert send_in_chunks(client, report + b" " * 1000, headers)[0].status_code == 413  # whole once cut
    assert send_in_chunks(client, report, headers)[0].status_code == 201


def test_the_limit_is_a_setting(app, client, make):
    app.config["API_MAX_JSON_BYTES"] = 200
    report = {"target_type": "proposal", "target_id": make.proposal().id, "reason": "spam"}
    headers = {"Authorization": f"Bearer {create_token(make.user(), 'script', 'write')[1]}"}
    db.session.commit()
    assert client.post("/api/v1/reports", json=report, headers=headers).status_code == 201
    padded = {**report, "details": "x" * 200}
    assert client.post("/api/v1/reports", json=padded, headers=headers).status_code == 413


@pytest.mark.parametrize("path", ["/auth/login", "/auth/register"])
def test_json_sent_to_a_page_is_400_unread(client, unparsed, path):
    response = send_unread(client, path, 20)
    assert response.status_code == 400 and "<h1>Bad request</h1>" in response.text


@pytest.mark.parametrize("path, json_error", [("/nowhere", False), ("/api/v1/nowhere", True),
                                              ("/api/v1/docs", True)])
def test_a_body_sent_where_no_route_takes_it_is_left_unread(client, unparsed, path, json_error):
    response = send_unread(client, path, 12 * 1024 * 1024 - 1)
    assert response.status_code in (404, 405)
    assert (answer(response) is not None) == json_error


def test_nul_in_json_sent_to_a_page_is_still_refused(client):
    assert client.post("/auth/login", json={"email": "a\x00@example.org", "password": "x"}).status_code == 400


def test_forms_keep_the_larger_limit_for_images(client):
    image = (io.BytesIO(b"\x89PNG" + b"\x00" * 300 * 1024), "photo.png")  # kept in memory: no file to close
    response = client.post("/auth/login", data={"email": "a@example.org", "password": "x", "image": image})
    assert response.status_code not in (400, 413)
