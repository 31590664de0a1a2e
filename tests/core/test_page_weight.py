"""Issue 13, point 8: pages travel compressed, each key page (tests/key_pages.py) with its CSS
and scripts at most 50 KB compressed, and a page that shows a new secret is never compressed
(BREACH: docs/deployment.md)."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests import key_pages

LIMIT = 50 * 1024
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="/static/([^"?]+)"')
LANGUAGES = ["en", "ar"]


@pytest.fixture
def key_ids(user, mover, helix, staff, dataset):
    return key_pages.load(user=user, person=mover, collaboration=helix, administrator=staff)


def _weight(client, path: str, language: str) -> tuple[str, int]:
    """The page's Content-Encoding and its compressed size with each stylesheet and script it
    loads, compressed as the static files are served (gzip, level 9)."""
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, br", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, path
    body = response.content
    encoding = response.get("Content-Encoding", "")
    html = gzip.decompress(body).decode() if encoding == "gzip" else body.decode()
    size = len(body)
    for asset in sorted(set(ASSET.findall(html))):
        found = finders.find(asset)
        assert found, asset
        with open(found, "rb") as handle:
            size += len(gzip.compress(handle.read(), 9))
    return encoding, size


def test_every_key_page_travels_gzipped_under_50_kb_with_its_css_and_scripts(client, key_ids, user):
    public = key_pages.paths(key_pages.PUBLIC, key_ids)
    private = key_pages.paths(key_pages.PRIVATE, key_ids)
    weights = {}
    for language in LANGUAGES:
        client.cookies["django_language"] = language
        for path in public:
            weights[f"{language} {path}"] = _weight(client, path, language)
        client.force_login(user)
        for path in private:
            weights[f"{language} logged in {path}"] = _weight(client, path, language)
        client.logout()
    assert {page: encoding for page, (encoding, _size) in weights.items()} == dict.fromkeys(
        weights, "gzip"
    )
    heaviest = max(weights, key=lambda page: weights[page][1])
    print(f"heaviest key page: {heaviest}, {weights[heaviest][1]} bytes")  # shown with -s
    assert {page: size for page, (_enc, size) in weights.items() if size > LIMIT} == {}


def test_a_logged_in_page_is_compressed_and_varies_on_accept_encoding(client, user):
    client.force_login(user)
    response = client.get("/people/me/", HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get("/people/me/")
    assert (response["Content-Encoding"], "Accept-Encoding" in response["Vary"]) == ("gzip", True)
    assert plain.has_header("Content-Encoding") is False
    assert b"<h1" in gzip.decompress(response.content)


def test_the_page_that_shows_a_new_api_token_is_never_compressed(client, user):
    client.force_login(user)
    listing = client.get("/people/me/tokens/", HTTP_ACCEPT_ENCODING="gzip")
    created = client.post("/people/me/tokens/", {"name": "laptop"}, HTTP_ACCEPT_ENCODING="gzip")
    assert (listing.get("Content-Encoding"), created.get("Content-Encoding")) == ("gzip", None)
    assert b'class="token"' in created.content
