import datetime as dt
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from science4peace.lib.video import Participant, bbb_checksum, bbb_url, jitsi_url

# The worked example of BigBlueButton's API documentation ("Usage" → checksum).
DOC_SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
DOC_QUERY = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"


def test_bbb_checksum_matches_the_documented_example():
    assert bbb_checksum("create", DOC_QUERY, DOC_SECRET) == (
        "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
    )


def test_bbb_url_signs_exactly_the_query_it_sends():
    url = bbb_url(
        "https://bbb.example.org/bigbluebutton/api/",
        "create",
        {
            "name": "Test Meeting",
            "meetingID": "abc123",
            "attendeePW": "111222",
            "moderatorPW": "333444",
        },
        DOC_SECRET,
    )
    assert url == (
        f"https://bbb.example.org/bigbluebutton/api/create?{DOC_QUERY}"
        "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
    )
    sha256 = bbb_url("https://b/api", "join", {"a": "b"}, "s", "sha256")
    assert len(parse_qs(urlsplit(sha256).query)["checksum"][0]) == 64
    with pytest.raises(ValueError, match="unknown checksum algorithm"):
        bbb_checksum("create", "", "s", "md5")


def test_jitsi_link_carries_a_verifiable_hs256_token():
    start = dt.datetime(2026, 10, 24, 12, 0, tzinfo=dt.UTC)
    url = jitsi_url(
        "https://meet.example.org",
        "s4p-room1",
        app_id="science4peace",
        secret="a-jitsi-secret-of-at-least-32-bytes!",
        participant=Participant("7", "Haruto Sato", "h@example.org", moderator=False),
        not_before=start,
        expires=start + dt.timedelta(hours=2),
    )
    base, _sep, query = url.partition("?")
    assert base == "https://meet.example.org/s4p-room1"
    token = parse_qs(query)["jwt"][0]
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    claims = jwt.decode(
        token,
        "a-jitsi-secret-of-at-least-32-bytes!",
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_exp": False, "verify_nbf": False},
    )
    assert claims["iss"] == "science4peace"
    assert claims["sub"] == "meet.example.org"
    assert claims["room"] == "s4p-room1"
    assert claims["context"]["user"]["name"] == "Haruto Sato"
    assert claims["nbf"] == int(start.timestamp())
    assert claims["exp"] == int(start.timestamp()) + 7200
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            token,
            "wrong-secret-also-32-bytes-long!!!",
            algorithms=["HS256"],
            audience="jitsi",
            options={"verify_exp": False},
        )
    assert (
        jitsi_url("https://meet.example.org/", "plain room")
        == "https://meet.example.org/plain%20room"
    )
