import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from django.utils.translation import gettext_lazy

from science4peace.notifications.domain import channels
from science4peace.notifications.domain.notify import notify
from tests.events.conftest import conference, organiser, speakers  # noqa: F401 — fixtures
from tests.events.test_fairness import workshop  # noqa: F401 — fixture

LAB_TITLES = {1: "Lab one", 2: "Lab two (members only)"}


def public_lab_feed(pk: int) -> channels.Feed | None:
    if pk != 1:
        return None
    entry = channels.FeedEntry(
        title="Beam time granted",
        link="http://testserver/labs/1/announcements/1/",
        html="<p>We have <em>beam</em>.</p>",
        published=dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC),
        author="Lab one",
    )
    return channels.Feed(title="Lab one", link="http://testserver/labs/1/", entries=[entry])


@pytest.fixture(autouse=True)
def lab_channels(monkeypatch):
    """A kind of channel as another app (spaces) registers it: lab 1 is public with a feed,
    lab 2 only for users whose name starts with "member"."""
    kind = channels.ChannelKind(
        may_follow=lambda user, pk: pk == 1 or user.username.startswith("member"),
        title=lambda pk: LAB_TITLES.get(pk),
        feed=public_lab_feed,
    )
    monkeypatch.setitem(channels._KINDS, "lab", kind)


def make_people(count: int, prefix: str = "member") -> list:
    users = get_user_model().objects
    return [
        users.create_user(username=f"{prefix}{n}", email=f"{prefix}{n}@example.org")
        for n in range(count)
    ]


def post(recipients, number: int = 1, channel: str = "lab:1", **extra):
    return notify(
        recipients=recipients,
        kind="lab.post",
        channel=channel,
        subject=gettext_lazy("New post in %(lab)s: %(title)s"),
        body=gettext_lazy("%(author)s wrote: %(text)s"),
        context={
            "lab": LAB_TITLES.get(int(channel.split(":")[1]), channel),
            "title": f"Result {number}",
            "author": "Ada",
            "text": f"We measured {number}.",
        },
        url=f"/labs/1/posts/{number}/",
        **extra,
    )


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the outbox's delivery) and clear the outbox."""
    mail.outbox.clear()

    class Capture:
        def __call__(self):
            mail.outbox.clear()
            return django_capture_on_commit_callbacks(execute=True)

    return Capture()


def now() -> dt.datetime:
    return timezone.now()
