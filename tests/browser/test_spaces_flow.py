"""Keep talking: an administrator posts an announcement in a collaboration's space, a member
replies in a thread with a mention, the mentioned member sees it among their notifications and
stops the space's mail by the mail's link, and two people exchange a message."""

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from science4peace.notifications.models import ChannelPreference
from science4peace.spaces.models import Announcement, Mention, Message
from tests.spaces.conftest import (  # noqa: F401 — fixtures
    space,
    space_admin,
    space_collaboration,
    space_colleague,
    space_institute,
    space_member,
    space_thread,
)

from .conftest import db_call

pytestmark = pytest.mark.browser
PASSWORD = "a long pass phrase 42"


def _log_in(page, origin, email):
    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{origin}/people/me/")


def _log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_announcement_reply_with_a_mention_and_a_message(live_app, request):
    get = request.getfixturevalue
    room, thread = get("space"), get("space_thread")
    assert thread.title == "Calibration of the ECAL"
    admin, member, colleague = get("space_admin"), get("space_member"), get("space_colleague")
    for user in (admin, member, colleague):
        user.set_password(PASSWORD)
        user.save()
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    space_url = f"{origin}/spaces/{room.pk}/"

    # The administrator announces, with math, pinned.
    _log_in(page, origin, admin.email)
    page.goto(space_url)
    page.get_by_label("title").fill("Collaboration meeting on Monday")
    page.get_by_label("text").fill("Agenda: the $J/\\psi$ calibration.")
    page.get_by_label("pin it above the threads").check()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(space_url)
    announcements = page.locator("#announcement-list").inner_text()
    assert "Collaboration meeting on Monday" in announcements
    assert page.locator("#announcement-list math").count() == 1
    _log_out(page)

    # A member replies in the thread and mentions its author.
    _log_in(page, origin, colleague.email)
    page.goto(space_url)
    page.get_by_role("link", name="Calibration of the ECAL").click()
    page.wait_for_url(re.compile(r"/threads/\d+/$"))
    page.get_by_label("reply").fill("Run 2, as @Boris said.")
    # the mention picker asks the space's own search as the name is typed
    page.get_by_label("mention").press_sequentially(member.person.given_name, delay=40)
    page.get_by_role("checkbox", name=str(member.person)).check()
    page.get_by_role("button", name="Post the reply").click()
    page.wait_for_url(re.compile(r"page=last"))
    assert "Run 2, as @Boris said." in page.locator("#posts").inner_text()

    # ... and writes to the thread's author, whose address is never shown.
    page.get_by_role("link", name=str(member.person)).first.click()
    page.wait_for_url(re.compile(r"/spaces/messages/\d+/$"))
    page.get_by_label("message").fill("Shall we compare our fits?")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#messages")).to_contain_text("Shall we compare our fits?")
    assert member.email not in page.content()
    _log_out(page)

    # The mentioned member sees the notifications (the announcement, the reply, the mention,
    # the message) in the header and the list ...
    _log_in(page, origin, member.email)
    assert page.locator("a[href='/notifications/'] .badge").inner_text() == "4"
    page.get_by_role("link", name=re.compile(r"^Notifications")).click()
    page.wait_for_url(f"{origin}/notifications/")
    assert "mentioned you in Calibration of the ECAL" in page.locator("main").inner_text()

    # ... and stops the space's mail with the link of the mention's mail.
    (mentioned,) = [m for m in mail.outbox if "mentioned you" in m.subject]
    assert mentioned.to == [member.email]
    link = mentioned.extra_headers["List-Unsubscribe"].strip("<>")
    page.goto(link.replace(settings.S4P_SITE_URL, origin))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_text("You will receive no more mail from HELIX space.")).to_be_visible()
    stopped = db_call(
        lambda: list(
            ChannelPreference.objects.filter(user=member).values_list("channel", "frequency")
        )
    )
    assert stopped == [(f"space:{room.pk}", "none")]

    # The other answers.
    page.goto(f"{origin}/")
    page.goto(f"{origin}/spaces/messages/")
    page.get_by_role("link", name=str(colleague.person)).click()
    expect(page.locator("#messages")).to_contain_text("Shall we compare our fits?")
    page.get_by_label("message").fill("Yes, on Tuesday.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#messages")).to_contain_text("Yes, on Tuesday.")

    bodies = db_call(lambda: list(Message.objects.values_list("body", flat=True)))
    mentions = db_call(lambda: list(Mention.objects.values_list("person_id", flat=True)))
    pinned = db_call(lambda: list(Announcement.objects.values_list("pinned", flat=True)))
    assert (bodies, mentions, pinned) == (
        ["Shall we compare our fits?", "Yes, on Tuesday."],
        [member.person.pk],
        [True],
    )
    assert f"{origin}/spaces/{room.pk}/members/pick/" in {url.split("?")[0] for url in requests}
    assert [url for url in requests if not url.startswith(origin)] == []
