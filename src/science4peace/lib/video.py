"""Links into self-hosted, open-source video rooms (framework-free).

- Jitsi Meet: one room per session at ``<base>/<room>``; with an app id and secret the link
  carries a JWT signed with HS256 in the claims layout of Jitsi's ``prosody`` token module.
- BigBlueButton: API calls signed with the shared-secret checksum scheme,
  ``checksum = SHA(call name + query string + secret)``, SHA-1 by default or SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

import jwt

ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}


def bbb_checksum(call: str, query: str, secret: str, algorithm: str = "sha1") -> str:
    """The checksum BigBlueButton expects for ``call`` with the exact ``query`` string."""
    try:
        digest = ALGORITHMS[algorithm]
    except KeyError:
        raise ValueError(f"unknown checksum algorithm {algorithm!r} (sha1, sha256)") from None
    return digest(f"{call}{query}{secret}".encode()).hexdigest()


def bbb_url(
    api_base: str, call: str, params: dict[str, str], secret: str, algorithm: str = "sha1"
) -> str:
    """A signed API URL, e.g. ``https://bbb.example.org/bigbluebutton/api/join?...``."""
    query = urlencode(params)
    checksum = bbb_checksum(call, query, secret, algorithm)
    separator = "&" if query else ""
    return f"{api_base.rstrip('/')}/{call}?{query}{separator}checksum={checksum}"


@dataclass(frozen=True)
class Participant:
    user_id: str
    name: str
    email: str = ""
    moderator: bool = False


def jitsi_token(
    *,
    app_id: str,
    secret: str,
    domain: str,
    room: str,
    participant: Participant,
    not_before: dt.datetime,
    expires: dt.datetime,
) -> str:
    claims = {
        "aud": "jitsi",
        "iss": app_id,
        "sub": domain,
        "room": room,
        "nbf": int(not_before.timestamp()),
        "exp": int(expires.timestamp()),
        "moderator": participant.moderator,
        "context": {
            "user": {
                "id": participant.user_id,
                "name": participant.name,
                "email": participant.email,
                "moderator": participant.moderator,
            }
        },
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def jitsi_url(
    base: str,
    room: str,
    *,
    app_id: str = "",
    secret: str = "",
    participant: Participant | None = None,
    not_before: dt.datetime | None = None,
    expires: dt.datetime | None = None,
) -> str:
    """The room's URL; with ``app_id`` and ``secret`` it carries ``?jwt=...``."""
    url = f"{base.rstrip('/')}/{quote(room, safe='')}"
    if not (app_id and secret):
        return url
    if participant is None or not_before is None or expires is None:
        raise ValueError("a signed Jitsi link needs the participant and its validity")
    token = jitsi_token(
        app_id=app_id,
        secret=secret,
        domain=urlsplit(base).hostname or "*",
        room=room,
        participant=participant,
        not_before=not_before,
        expires=expires,
    )
    return f"{url}?jwt={token}"
