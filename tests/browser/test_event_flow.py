import datetime as dt
import zoneinfo

import pytest
from allauth.account.models import EmailAddress
from icalendar import Calendar
from playwright.sync_api import expect

from science4peace.events.demo import CONFERENCE
from science4peace.events.demo import load_demo as load_events
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Event, Registration
from science4peace.people.demo import load_demo as load_core

from .conftest import db_call

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_conference(user, live_app):
    load_core()
    load_events(today=dt.date(2026, 11, 22))
    event = Event.objects.get(title=CONFERENCE)
    # Exactly one place left, so the next registration after ours waits.
    taken = Registration.objects.filter(event=event, status="registered").count()
    Event.objects.filter(pk=event.pk).update(capacity=taken + 1)
    EmailAddress.objects.filter(user=user).update(verified=True)
    return event


def _local(instant: dt.datetime, zone: str) -> str:
    return instant.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%H:%M %Z")


def test_register_view_in_two_zones_download_agenda_withdraw_and_promote(
    demo_conference, user, live_app, request, tmp_path
):
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    event = demo_conference
    opening = db_call(lambda: event.sessions.order_by("start").first())

    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:").fill("a long pass phrase 42")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{origin}/people/me/")

    page.goto(f"{origin}/events/{event.pk}/")
    page.get_by_label("time zone (optional)").select_option("Asia/Tokyo")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Register").click()
    expect(page.locator("#my-status")).to_contain_text("Your status: registered")

    page.goto(f"{origin}/events/{event.pk}/timetable/")
    page.get_by_label("Show in time zone").select_option("Asia/Tokyo")
    page.get_by_role("button", name="Show").click()
    assert page.locator("#zone-note").inner_text().startswith("All times in Asia/Tokyo.")
    tokyo = page.locator(f"#s{opening.pk} h3").inner_text()
    assert tokyo.startswith(
        f"{_local(opening.start, 'Asia/Tokyo')}–{_local(opening.end, 'Asia/Tokyo')}"
    )
    page.goto(f"{origin}/events/{event.pk}/timetable/?tz=America/Los_Angeles")
    la = page.locator(f"#s{opening.pk} h3").inner_text()
    assert la.startswith(f"{_local(opening.start, 'America/Los_Angeles')}–")
    assert "PST" in la

    page.goto(f"{origin}/events/{event.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my agenda (iCal, with video links)").click()
    path = tmp_path / "agenda.ics"
    download.value.save_as(path)
    agenda = Calendar.from_ical(path.read_bytes())
    starts = {e.decoded("DTSTART") for e in agenda.walk("VEVENT")}
    assert opening.start in starts
    assert all(
        "/join/" in str(e["LOCATION"])
        for e in agenda.walk("VEVENT")
        if str(e["SUMMARY"]) != "Break"
    )

    waiting_user = db_call(
        lambda: (
            Registration.objects.filter(event=event)
            .first()
            .user.__class__.objects.create_user(username="waiting", email="w@example.org")
        )
    )
    status = db_call(lambda: do_register(event, user=waiting_user, consent=True)[0].status)
    assert status == "waiting"
    page.reload()
    assert "Waiting list: 1" in page.locator("#places").inner_text()
    page.get_by_role("link", name="Withdraw").click()
    expect(page.get_by_role("heading", name="Are you sure?")).to_be_visible()
    page.get_by_role("button", name="Withdraw").click()
    expect(page.get_by_role("status")).to_contain_text("You have withdrawn your registration.")
    assert "Waiting list: 0" in page.locator("#places").inner_text()
    promoted = db_call(lambda: Registration.objects.get(event=event, user=waiting_user).status)
    assert promoted == "registered"
    assert [url for url in requests if not url.startswith(origin)] == []
