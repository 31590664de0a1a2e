"""The way into a session's video room. Only registered participants, speakers and
organisers get in, from ``VIDEO_OPEN_MINUTES`` before the session until it ends; the room
lives on the installation's own Jitsi Meet or BigBlueButton server."""

from __future__ import annotations

import datetime as dt
from typing import Any

import requests
from defusedxml import ElementTree
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from science4peace.events import rules
from science4peace.events.domain import queries
from science4peace.events.models import Event, Session
from science4peace.lib import video


class VideoUnavailable(Exception):
    """No video server is configured, or it did not answer as expected."""


def opens_at(session: Session) -> dt.datetime:
    return session.start - dt.timedelta(minutes=settings.S4P_VIDEO["VIDEO_OPEN_MINUTES"])


def is_open(session: Session, now: dt.datetime) -> bool:
    return opens_at(session) <= now < session.end


def may_join(user: Any, session: Session) -> bool:
    if not user.is_authenticated:
        return False
    if rules.can_manage(user, session.event):
        return True
    if queries.is_speaker(user, session.event, session=session):
        return True
    return rules.is_participant(queries.registration_of(user, session.event))


def _name(user: Any) -> str:
    return queries.name_of(user)


def _bbb(session: Session, user: Any, moderator: bool) -> str:
    config = settings.S4P_VIDEO
    base, secret, algorithm = config["BBB_URL"], config["BBB_SECRET"], config["BBB_CHECKSUM"]
    create = video.bbb_url(
        base,
        "create",
        {"name": session.title[:200], "meetingID": session.room, "record": "false"},
        secret,
        algorithm,
    )
    try:
        response = requests.get(create, timeout=10)
        answer = ElementTree.fromstring(response.content)
    except (requests.RequestException, ElementTree.ParseError) as error:
        raise VideoUnavailable(str(error)) from error
    if answer.findtext("returncode") != "SUCCESS":
        raise VideoUnavailable(answer.findtext("message") or "BigBlueButton refused create")
    params = {
        "fullName": _name(user),
        "meetingID": session.room,
        "role": "MODERATOR" if moderator else "VIEWER",
        "userID": str(user.pk),
        "redirect": "true",
    }
    return video.bbb_url(base, "join", params, secret, algorithm)


def _jitsi(session: Session, user: Any, moderator: bool) -> str:
    config = settings.S4P_VIDEO
    return video.jitsi_url(
        config["JITSI_URL"],
        f"s4p-{session.room}",
        app_id=config["JITSI_APP_ID"],
        secret=config["JITSI_SECRET"],
        participant=video.Participant(
            user_id=str(user.pk), name=_name(user), email=user.email, moderator=moderator
        ),
        not_before=opens_at(session),
        expires=session.end + dt.timedelta(hours=1),
    )


def join_url(session: Session, user: Any, now: dt.datetime) -> str:
    """Where to send ``user`` now; PermissionDenied or VideoUnavailable say why not."""
    event = session.event
    if not may_join(user, session):
        raise PermissionDenied(_("Video rooms are open to registered participants only."))
    if not is_open(session, now):
        raise PermissionDenied(_("The video room opens shortly before the session starts."))
    moderator = rules.can_manage(user, event)
    if event.video == Event.Video.JITSI and settings.S4P_VIDEO["JITSI_URL"]:
        return _jitsi(session, user, moderator)
    if event.video == Event.Video.BBB and settings.S4P_VIDEO["BBB_URL"]:
        return _bbb(session, user, moderator)
    raise VideoUnavailable(_("This installation has no video server for this event."))
