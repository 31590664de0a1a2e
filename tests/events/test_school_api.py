import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from science4peace.events.domain.changes import do_create_event
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Event, Registration
from science4peace.people.models import Person

from .conftest import make_users

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def school(organiser):
    return do_create_event(
        actor=organiser,
        title="Summer School",
        kind=Event.Kind.SCHOOL,
        timezone="Asia/Kolkata",
        start_date=dt.date(2027, 7, 5),
        end_date=dt.date(2027, 7, 9),
        capacity=1,
    )


def test_applications_are_judged_without_name_institution_or_location(
    client, school, organiser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    applicant, second = make_users(2)
    Person.objects.create(
        user=applicant, given_name="Maryam", family_name="Hosseini", city="Tehran"
    )
    client.force_login(applicant)
    url = reverse("events:register", args=[school.pk])
    missing = client.post(url, {"consent": "on"})
    assert "Tell the selection committee why you want to take part." in missing.content.decode()
    client.post(
        url,
        {
            "consent": "on",
            "city": "Tehran",
            "timezone": "Asia/Tehran",
            "motivation": "I want to analyse open data.",
            "cv": SimpleUploadedFile("cv.pdf", PDF),
        },
    )
    application = Registration.objects.get(user=applicant)
    assert application.status == Registration.Status.APPLIED
    do_register(school, user=second, consent=True, motivation="Second applicant.")

    client.force_login(organiser)
    page = client.get(reverse("events:applications", args=[school.pk])).content.decode()
    pending = page.split("<h2>Decided</h2>")[0]
    assert f"Application {application.code}" in pending
    assert "I want to analyse open data." in pending
    for revealing in ("Maryam", "Hosseini", "Tehran", applicant.email, applicant.username):
        assert revealing not in pending
    cv = client.get(reverse("events:application-cv", args=[school.pk, application.code]))
    assert cv["Content-Disposition"] == f'attachment; filename="application-{application.code}.pdf"'
    assert b"".join(cv.streaming_content) == PDF

    decide = reverse("events:decide", args=[school.pk, application.code])
    client.post(decide, {"decision": "accept"})
    application.refresh_from_db()
    assert application.status == Registration.Status.REGISTERED
    other = Registration.objects.get(user=second)
    client.post(reverse("events:decide", args=[school.pk, other.code]), {"decision": "accept"})
    other.refresh_from_db()
    assert other.status == Registration.Status.WAITING  # capacity 1
    page = client.get(reverse("events:applications", args=[school.pk])).content.decode()
    assert "Maryam Hosseini" in page.split("<h2>Decided</h2>")[1]  # revealed after deciding


def test_registrants_csv_for_organisers_only(client, conference, organiser, user):
    do_register(conference, user=user, consent=True, city="Kyiv", timezone_name="Europe/Kyiv")
    url = reverse("events:registrants-csv", args=[conference.pk])
    client.force_login(user)
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Only the organisers and the programme committee may do this." in html.unescape(
        refused.content.decode()
    )
    assert "ada@example.org" not in refused.content.decode()
    client.force_login(organiser)
    lines = client.get(url).content.decode().splitlines()
    assert lines[0] == "name,email,status,since,city,time_zone,language"
    assert lines[1].startswith("ada,ada@example.org,registered,")
    assert lines[1].endswith(",Kyiv,Europe/Kyiv,en")


def test_api_registration_is_idempotent_and_withdraw_promotes(
    client, conference, auth_headers, user
):
    conference.capacity = 1
    conference.save()
    url = f"/api/events/{conference.pk}/registration"
    refused = client.post(
        url, {"consent": False}, content_type="application/json", headers=auth_headers
    )
    assert (refused.status_code, refused.json()["errors"]) == (
        400,
        {"consent": ["Registration needs your consent to the text above."]},
    )
    assert Registration.objects.filter(event=conference).count() == 0
    first = client.post(
        url, {"consent": True}, content_type="application/json", headers=auth_headers
    )
    again = client.post(
        url, {"consent": True}, content_type="application/json", headers=auth_headers
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["status"] == again.json()["status"] == "registered"
    (waiting,) = make_users(1, "w")
    do_register(conference, user=waiting, consent=True)
    withdrawn = client.delete(url, headers=auth_headers)
    assert withdrawn.json() == {"withdrawn": True, "promoted": waiting.pk}
    anonymous = client.post(url, {"consent": True}, content_type="application/json")
    assert (anonymous.status_code, anonymous.json()) == (401, {"detail": "Unauthorized"})


def test_private_events_are_hidden(client, conference, user):
    Event.objects.filter(pk=conference.pk).update(visibility=Event.Visibility.PRIVATE)
    page = client.get(reverse("events:detail", args=[conference.pk]))
    assert page.status_code == 404
    assert "No such event." in page.content.decode()
    assert conference.title not in page.content.decode()
    api = client.get(f"/api/events/{conference.pk}/programme")
    assert (api.status_code, api.json()) == (404, {"detail": "No such event."})
    assert client.get("/api/events").json()["count"] == 0
