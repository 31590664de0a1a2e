import datetime as dt
import html
import subprocess
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import responses
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Contribution, Event, Session
from science4peace.lib.video import bbb_checksum
from science4peace.people.models import Person

SECRET = "a-jitsi-secret-of-at-least-32-bytes!"
DURING = dt.datetime(2026, 10, 24, 11, 50, tzinfo=dt.UTC)  # ten minutes before 14:00 CEST


@pytest.fixture
def video_settings(settings):
    settings.S4P_VIDEO = {
        "JITSI_URL": "https://meet.example.org",
        "JITSI_APP_ID": "science4peace",
        "JITSI_SECRET": SECRET,
        "BBB_URL": "https://bbb.example.org/bigbluebutton/api",
        "BBB_SECRET": "bbb-shared-secret",
        "BBB_CHECKSUM": "sha1",
        "VIDEO_OPEN_MINUTES": 15,
    }
    return settings


def _session(event):
    return Session.objects.filter(event=event, kind="session").order_by("start").first()


def _join(client, event, when, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: when)
    return client.get(reverse("events:join", args=[event.pk, _session(event).pk]))


def test_only_registered_participants_get_the_link_and_only_shortly_before(
    client, conference, user, video_settings, monkeypatch
):
    client.force_login(user)
    refused = _join(client, conference, DURING, monkeypatch)
    assert refused.status_code == 403
    assert "Video rooms are open to registered participants only." in refused.content.decode()
    do_register(conference, user=user, consent=True)
    early = _join(client, conference, DURING - dt.timedelta(hours=1), monkeypatch)
    assert early.status_code == 403
    assert "opens shortly before the session starts" in early.content.decode()
    response = _join(client, conference, DURING, monkeypatch)
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert (url.netloc, url.path) == ("meet.example.org", f"/s4p-{_session(conference).room}")
    token = parse_qs(url.query)["jwt"][0]
    ignore_time = {"verify_exp": False, "verify_nbf": False}
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience="jitsi", options=ignore_time)
    assert claims["context"]["user"]["email"] == user.email
    assert claims["moderator"] is False


def test_timetable_never_shows_the_video_servers_address(client, conference, video_settings):
    page = client.get(reverse("events:timetable", args=[conference.pk])).content.decode()
    assert "meet.example.org" not in page


@responses.activate
def test_bigbluebutton_create_then_join_with_checksums(
    client, conference, organiser, video_settings, monkeypatch
):
    Event.objects.filter(pk=conference.pk).update(video=Event.Video.BBB)
    responses.get(
        "https://bbb.example.org/bigbluebutton/api/create",
        body="<response><returncode>SUCCESS</returncode><meetingID>m</meetingID></response>",
    )
    client.force_login(organiser)
    response = _join(client, conference, DURING, monkeypatch)
    assert response.status_code == 302
    (call,) = responses.calls
    create_query = urlsplit(call.request.url).query
    signed, _sep, checksum = create_query.rpartition("&checksum=")
    assert checksum == bbb_checksum("create", signed, "bbb-shared-secret")
    join = urlsplit(response["Location"])
    assert join.path == "/bigbluebutton/api/join"
    signed, _sep, checksum = join.query.rpartition("&checksum=")
    assert checksum == bbb_checksum("join", signed, "bbb-shared-secret")
    assert parse_qs(join.query)["role"] == ["MODERATOR"]


@responses.activate
def test_bigbluebutton_failure_is_a_clear_503(
    client, conference, organiser, video_settings, monkeypatch
):
    Event.objects.filter(pk=conference.pk).update(video=Event.Video.BBB)
    responses.get(
        "https://bbb.example.org/bigbluebutton/api/create",
        body="<response><returncode>FAILED</returncode>"
        "<message>checksum error</message></response>",
    )
    client.force_login(organiser)
    response = _join(client, conference, DURING, monkeypatch)
    assert response.status_code == 503
    assert "checksum error" in response.content.decode()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_slides_upload_limits_and_download(client, conference, settings, tmp_path, speakers):
    settings.MEDIA_ROOT = tmp_path
    settings.S4P_MAX_UPLOAD_BYTES = 1000
    contribution = Contribution.objects.filter(event=conference, speakers=speakers[0]).first()
    speaker_user = conference.roles.first().user.__class__.objects.create_user(username="thandiwe")
    Person.objects.filter(pk=speakers[0].pk).update(user=speaker_user)
    client.force_login(speaker_user)
    url = reverse("events:materials", args=[conference.pk, contribution.pk])
    too_big = client.post(url, {"slides": SimpleUploadedFile("s.pdf", PDF + b"x" * 2000)})
    assert too_big.status_code == 400
    assert "the limit is 1000 bytes" in too_big.content.decode()
    not_pdf = client.post(url, {"slides": SimpleUploadedFile("s.pdf", b"<html>")})
    assert "Upload a PDF file." in not_pdf.content.decode()
    contribution.refresh_from_db()
    assert not contribution.slides
    ok = client.post(
        url,
        {"slides": SimpleUploadedFile("s.pdf", PDF), "recording_url": "https://v.example.org/1"},
    )
    assert ok.status_code == 302
    download = client.get(reverse("events:slides", args=[conference.pk, contribution.pk]))
    assert b"".join(download.streaming_content) == PDF
    xml = client.get(reverse("events:schedule-xml", args=[conference.pk])).content.decode()
    assert f"contributions/{contribution.pk}/slides.pdf" in xml
    assert 'href="https://v.example.org/1"' in xml


def test_strangers_cannot_change_materials(client, conference, user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(user)
    contribution = Contribution.objects.filter(event=conference).first()
    url = reverse("events:materials", args=[conference.pk, contribution.pk])
    shown = client.get(url)
    assert (shown.status_code, _reason(shown)) == (
        403,
        "Only the speakers and organisers may do this.",
    )
    posted = client.post(url, {"slides": SimpleUploadedFile("s.pdf", PDF)})
    assert (posted.status_code, _reason(posted)) == (
        403,
        "Only the speakers and organisers may do this.",
    )
    contribution.refresh_from_db()
    assert contribution.slides.name == ""


def _reason(response) -> str:
    return html.unescape(response.content.decode().split('id="reason">')[1].split("</p>")[0])


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Certificate of attendance"), ("ru", "Сертификат участия"), ("ar", "شهادة حضور")],
)
def test_certificate_of_attendance_in_the_participants_language(
    client, conference, user, monkeypatch, tmp_path, language, heading
):
    Person.objects.create(user=user, given_name="Ada", family_name="Лавлейс")
    do_register(conference, user=user, consent=True)
    client.force_login(user)
    monkeypatch.setattr("django.utils.timezone.now", lambda: DURING + dt.timedelta(days=3))
    response = client.get(
        reverse("events:certificate", args=[conference.pk, "attendance"]), {"lang": language}
    )
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "Ada Лавлейс" in text
    assert "Online Conference on Open Data" in text
    assert heading in text  # pdftotext gives Arabic in logical order, inside RLE marks


def test_certificates_only_for_participants_and_speakers(
    client, conference, user, speakers, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.now", lambda: DURING + dt.timedelta(days=3))
    client.force_login(user)
    attendance = client.get(reverse("events:certificate", args=[conference.pk, "attendance"]))
    assert (attendance.status_code, _reason(attendance)) == (
        403,
        "Certificates of attendance are for registered participants.",
    )
    presentation = client.get(reverse("events:certificate", args=[conference.pk, "presentation"]))
    assert (presentation.status_code, _reason(presentation)) == (
        403,
        "Certificates of presentation are for the event's speakers.",
    )
    unknown = client.get(reverse("events:certificate", args=[conference.pk, "excellence"]))
    assert (unknown.status_code, _reason(unknown)) == (404, "No such certificate.")
    Person.objects.filter(pk=speakers[1].pk).update(user=user)
    response = client.get(reverse("events:certificate", args=[conference.pk, "presentation"]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
