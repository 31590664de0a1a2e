"""The notification list with its unread count in the header, the API, and the feeds by
channel."""

import pytest
from django.urls import reverse

from science4peace.notifications.models import Frequency, MailSettings, Notification
from science4peace.people.domain.tokens import do_create_api_token

from .conftest import make_people, post

pytestmark = pytest.mark.django_db


def test_the_header_shows_the_unread_count_and_the_list_marks_read(client):
    (reader,) = make_people(1)
    post([reader], 1)
    post([reader], 2)
    client.force_login(reader)
    page = client.get(reverse("notifications:list")).content.decode()
    assert '<span class="badge" aria-label="unread">2</span>' in page
    assert page.index("Result 2") < page.index("Result 1")  # newest first
    first = Notification.objects.filter(recipient=reader).order_by("id").first()
    opened = client.post(reverse("notifications:read"), {"notification": first.pk})
    assert opened.url == "/labs/1/posts/1/"
    assert Notification.objects.filter(recipient=reader, read_at__isnull=True).count() == 1


def test_nobody_reads_or_marks_another_persons_notifications(client):
    reader, other = make_people(2)
    post([reader])
    client.force_login(other)
    mine = Notification.objects.get(recipient=reader)
    response = client.post(reverse("notifications:read"), {"notification": mine.pk})
    assert (response.status_code, Notification.objects.get(pk=mine.pk).read_at) == (404, None)


def test_the_list_needs_a_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.url.startswith(reverse("account_login"))


def test_the_api_lists_marks_read_and_sets_preferences(client):
    (reader,) = make_people(1, prefix="guest")
    post([reader], 1)
    _token, secret = do_create_api_token(actor=reader, name="tests")
    headers = {"Authorization": f"Bearer {secret}"}
    listed = client.get("/api/notifications", headers=headers).json()
    assert (listed["unread"], [i["subject"] for i in listed["items"]]) == (
        1,
        ["New post in Lab one: Result 1"],
    )
    marked = client.post(
        "/api/notifications/read", {}, content_type="application/json", headers=headers
    )
    assert marked.json() == {"marked": 1}
    bad = client.put(
        "/api/notifications/preferences",
        {"frequency": "hourly", "language": "en"},
        content_type="application/json",
        headers=headers,
    )
    assert (bad.status_code, MailSettings.objects.count()) == (400, 0)
    good = client.put(
        "/api/notifications/preferences",
        {"frequency": Frequency.DAILY, "language": "ar"},
        content_type="application/json",
        headers=headers,
    )
    assert (good.json()["frequency"], good.json()["language"]) == ("daily", "ar")
    hidden = client.put(
        "/api/notifications/preferences/channel",
        {"channel": "lab:2", "frequency": "none"},
        content_type="application/json",
        headers=headers,
    )
    assert hidden.status_code == 400  # lab 2 is for its members only
    assert client.get("/api/notifications").status_code == 401


def test_a_public_channel_has_an_atom_feed_and_others_are_the_same_404(client):
    response = client.get(reverse("notifications:feed", args=["lab:1"]))
    body = response.content.decode()
    assert (response["Content-Type"], "<title>Beam time granted</title>" in body) == (
        "application/atom+xml; charset=utf-8",
        True,
    )
    for channel in ("lab:2", "lab:3", "nothing:1", "bad channel"):
        assert client.get(reverse("notifications:feed", args=[channel])).status_code == 404
