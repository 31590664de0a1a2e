"""One query, three faces: each list that has a page and an API endpoint gives the same items
in the same order through both, and the API's registration paths mail what the pages mail."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from science4peace.events.domain.changes import do_create_event
from science4peace.events.domain.registrations import do_register, do_withdraw
from science4peace.events.models import Event, Registration
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Person

from .conftest import make_users


def _events(organiser, count: int) -> list[Event]:
    """Events whose start dates are out of creation order, one of them unlisted."""
    days = [dt.date(2027, 3, 1), dt.date(2027, 1, 1), dt.date(2027, 3, 1), dt.date(2027, 2, 1)]
    made = []
    for n in range(count):
        made.append(
            do_create_event(
                actor=organiser,
                title=f"Event {n}",
                kind=Event.Kind.WORKSHOP,
                timezone="UTC",
                start_date=days[n % len(days)],
                end_date=days[n % len(days)],
                visibility=Event.Visibility.UNLISTED if n == 1 else Event.Visibility.PUBLIC,
            )
        )
    return made


def _page_event_ids(client) -> list[int]:
    page = client.get(reverse("events:list")).content.decode()
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [int(pk) for pk in re.findall(r'href="/events/(\d+)/"', body)]


def test_event_list_page_and_api_give_the_same_events_in_the_same_order(client, organiser):
    made = _events(organiser, 4)
    api = [item["id"] for item in client.get("/api/events").json()["items"]]
    expected = [made[0].pk, made[2].pk, made[3].pk]  # March (by id), February; not unlisted
    assert _page_event_ids(client) == api == expected


def test_programme_page_and_api_give_the_same_blocks_and_contributions(
    client, conference, organiser
):
    client.force_login(organiser)
    page = client.get(reverse("events:manage", args=[conference.pk])).content.decode()
    page_items = [int(i) for i in re.findall(r"/manage/contributions/(\d+)/\"", page)]
    rows = [row.split("</tr>")[0] for row in page.split('<tr class="block-row">')[1:]]
    page_blocks = [re.sub(r"<[^>]+>", "", re.findall(r"<td[^>]*>(.*?)</td>", r)[2]) for r in rows]
    data = client.get(f"/api/events/{conference.pk}/programme").json()
    api_items = [c["id"] for block in data["blocks"] for c in block["contributions"]]
    api_blocks = [block["title"] for block in data["blocks"]]
    assert page_items == api_items
    assert page_blocks == api_blocks
    assert len(api_items) == 4
    assert api_blocks[:3] == ["Track A day 1", "Track B day 1", "Break"]


@pytest.fixture
def queue(conference):
    """Registered, waiting and withdrawn people, registered in an order unlike their ids."""
    conference.capacity = 2
    conference.save()
    users = make_users(5, "q")
    for u in (users[3], users[0], users[4], users[1], users[2]):
        do_register(conference, user=u, consent=True)
    do_withdraw(conference, user=users[0])  # users[4] moves up from the waiting list
    return users


def test_registrants_page_csv_and_api_give_the_same_people_in_the_same_order(
    client, conference, organiser, queue
):
    client.force_login(organiser)
    page = client.get(reverse("events:registrants", args=[conference.pk])).content.decode()
    body = page.split('id="registrants"')[1].split("</table>")[0]
    on_page = re.findall(r"<td[^>]*>([^<@]+@example\.org)</td>", body)
    csv_lines = client.get(reverse("events:registrants-csv", args=[conference.pk]))
    in_csv = [line.split(",")[1] for line in csv_lines.content.decode().splitlines()[1:]]
    _token, secret = do_create_api_token(actor=organiser, name="faces")
    api = client.get(
        f"/api/events/{conference.pk}/registrations",
        headers={"Authorization": f"Bearer {secret}"},
    ).json()["items"]
    in_api = [row["email"] for row in api]
    q = [u.email for u in queue]
    # registered (first come first), waiting, withdrawn
    assert on_page == in_csv == in_api == [q[3], q[4], q[1], q[2], q[0]]
    assert [row["status"] for row in api] == [
        "registered",
        "registered",
        "waiting",
        "waiting",
        "withdrawn",
    ]


def _attachment(message) -> tuple[str, str, list[str]]:
    name, content, mimetype = message.attachments[0]
    summaries = sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(content).walk("VEVENT"))
    return name, mimetype, summaries


def test_registering_through_the_api_mails_what_the_page_mails(
    client, conference, user, auth_headers, django_capture_on_commit_callbacks
):
    (other,) = make_users(1, "page")
    client.force_login(other)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:register", args=[conference.pk]), {"consent": "on"})
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/events/{conference.pk}/registration",
            {"consent": True},
            content_type="application/json",
            headers=auth_headers,
        )
    assert (response.status_code, response.json()["status"]) == (201, "registered")
    by_page, by_api = mail.outbox
    assert (by_page.to, by_api.to) == ([other.email], [user.email])
    assert (
        by_api.subject
        == by_page.subject
        == "[Science4Peace] Registered: Online Conference on Open Data"
    )
    assert by_api.body == by_page.body
    assert _attachment(by_api) == _attachment(by_page)
    assert _attachment(by_api)[0] == f"event-{conference.pk}.ics"


def _withdraw_and_promote(conference, withdraw) -> tuple[object, list]:
    """Two people registered for one place; the first withdraws through ``withdraw``."""
    Registration.objects.filter(event=conference).delete()
    mail.outbox.clear()
    conference.capacity = 1
    conference.save()
    first, second = make_users(2, withdraw.__name__)
    for u in (first, second):
        do_register(conference, user=u, consent=True)
    withdraw(first)
    return second, list(mail.outbox)


def test_withdrawing_through_the_api_promotes_and_mails_as_the_page_does(
    client, conference, django_capture_on_commit_callbacks
):
    def by_page(user):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("events:withdraw", args=[conference.pk]))
        client.logout()

    def by_api(user):
        _token, secret = do_create_api_token(actor=user, name="withdraw")
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.delete(
                f"/api/events/{conference.pk}/registration",
                headers={"Authorization": f"Bearer {secret}"},
            )
        assert answer.json()["withdrawn"] is True

    promoted_page, page_mail = _withdraw_and_promote(conference, by_page)
    promoted_api, api_mail = _withdraw_and_promote(conference, by_api)
    assert Registration.objects.get(user=promoted_api).status == "registered"
    (page_message,) = page_mail
    (api_message,) = api_mail
    assert (page_message.to, api_message.to) == ([promoted_page.email], [promoted_api.email])
    assert api_message.subject == page_message.subject
    assert "A place has become free and it is yours" in api_message.body
    assert api_message.body == page_message.body
    assert _attachment(api_message) == _attachment(page_message)


def test_registrants_are_named_by_their_person(client, conference, organiser, queue):
    Person.objects.create(user=queue[3], given_name="Nomvula", family_name="Dlamini")
    client.force_login(organiser)
    csv_text = client.get(reverse("events:registrants-csv", args=[conference.pk])).content.decode()
    names = [line.split(",")[0] for line in csv_text.splitlines()[1:]]
    assert names == ["Nomvula Dlamini", "q4", "q1", "q2", "q0"]


def test_registrants_by_status_alike_in_page_fragment_csv_and_api(
    client, conference, organiser, queue
):
    client.force_login(organiser)
    url = reverse("events:registrants", args=[conference.pk])
    page = client.get(url, {"status": "waiting"}).content.decode()
    fragment = client.get(url, {"status": "waiting"}, HTTP_HX_REQUEST="true").content.decode()
    csv_text = client.get(
        reverse("events:registrants-csv", args=[conference.pk]), {"status": "waiting"}
    ).content.decode()
    _token, secret = do_create_api_token(actor=organiser, name="faces")
    api = client.get(
        f"/api/events/{conference.pk}/registrations",
        {"status": "waiting"},
        headers={"Authorization": f"Bearer {secret}"},
    ).json()["items"]
    emails = re.compile(r"<td[^>]*>([^<@]+@example\.org)</td>")
    waiting = [queue[1].email, queue[2].email]
    assert emails.findall(page) == emails.findall(fragment) == waiting
    assert [line.split(",")[1] for line in csv_text.splitlines()[1:]] == waiting
    assert [row["email"] for row in api] == waiting
    assert not fragment.startswith("<!doctype html>")
    assert f'href="/events/{conference.pk}/registrants.csv?status=waiting"' in fragment


def test_an_unknown_status_is_refused_alike_by_page_and_api(client, conference, organiser):
    client.force_login(organiser)
    page = client.get(reverse("events:registrants", args=[conference.pk]), {"status": "vip"})
    assert page.status_code == 400
    assert (
        "Select a valid choice. vip is not one of the available choices." in page.content.decode()
    )
    _token, secret = do_create_api_token(actor=organiser, name="faces")
    api = client.get(
        f"/api/events/{conference.pk}/registrations",
        {"status": "vip"},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert (api.status_code, api.json()["errors"]) == (400, {"status": ["Unknown status vip."]})


def test_event_list_by_kind_alike_in_page_fragment_and_api(client, organiser):
    made = _events(organiser, 4)
    school = do_create_event(
        actor=organiser, title="School", kind=Event.Kind.SCHOOL, timezone="UTC",
        start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 2, 5),
    )  # fmt: skip
    url = reverse("events:list")
    fragment = client.get(url, {"kind": "workshop"}, HTTP_HX_REQUEST="true").content.decode()
    ids = [int(pk) for pk in re.findall(r'href="/events/(\d+)/"', fragment)]
    api = client.get("/api/events", {"kind": "workshop"}).json()["items"]
    assert ids == [item["id"] for item in api] == [made[0].pk, made[2].pk, made[3].pk]
    assert not fragment.startswith("<!doctype html>")
    assert [e["id"] for e in client.get("/api/events", {"kind": "school"}).json()["items"]] == [
        school.pk
    ]
    bad_page = client.get(url, {"kind": "party"})
    assert bad_page.status_code == 400
    assert "party is not one of the available choices." in bad_page.content.decode()
    bad_api = client.get("/api/events", {"kind": "party"})
    assert (bad_api.status_code, bad_api.json()["errors"]) == (
        400,
        {"kind": ["Unknown kind party."]},
    )
