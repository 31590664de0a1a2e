import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from science4peace.core.models import AuditEntry
from science4peace.lib import pdfmeta
from science4peace.review.domain.calls import do_add_question, do_save_call
from science4peace.review.domain.submissions import AuthorIn, do_withdraw
from science4peace.review.models import Call, Submission

from .conftest import pdf_bytes, submit, wall

pytestmark = pytest.mark.django_db


def test_call_times_are_entered_in_the_event_zone_and_stored_in_utc(event, organiser):
    call = do_save_call(
        event,
        actor=organiser,
        opens=dt.datetime(2026, 7, 1, 9, 0),
        closes=dt.datetime(2026, 12, 1, 18, 0),
        kinds=["talk"],
    )
    assert (call.opens, call.closes) == (
        dt.datetime(2026, 7, 1, 7, 0, tzinfo=dt.UTC),  # summer time in Zurich: UTC+2
        dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC),  # winter: UTC+1
    )


def test_call_page_shows_times_in_the_viewers_zone(client, call):
    page = client.get(reverse("review:call", args=[call.event_id]) + "?tz=Asia/Tokyo")
    local = call.closes.astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert f"{local:%Y-%m-%d %H:%M} (Asia/Tokyo)" in page.content.decode()


def test_call_closing_before_opening_is_refused_and_nothing_saved(event, organiser):
    with pytest.raises(ValidationError) as error:
        do_save_call(
            event, actor=organiser, opens=dt.datetime(2026, 7, 2), closes=dt.datetime(2026, 7, 1)
        )
    assert error.value.message_dict == {"closes": ["The call must close after it opens."]}
    assert Call.objects.count() == 0


@pytest.mark.parametrize(
    "label",
    [
        "What is your nationality?",
        "Citizenship",
        "Passport number",
        "Ваше гражданство",
        "Национальность",
        "Номер паспорта",
        "Ваше громадянство",
        "Національність",
        "ما هي جنسيتك؟ الجنسية",
        "رقم جواز السفر",
    ],
)
def test_form_builder_refuses_questions_about_origin_in_every_language(call, organiser, label):
    with pytest.raises(ValidationError) as error:
        do_add_question(call, actor=organiser, label=label, kind="text")
    assert error.value.message_dict == {
        "label": ["A form may not ask for nationality, citizenship or a passport."]
    }
    assert list(call.questions.all()) == []


def test_custom_questions_required_and_choices_are_checked(call, organiser, submitters):
    format_q = do_add_question(
        call,
        actor=organiser,
        label="Preferred format",
        kind="choice",
        choices="online\nrecorded",
        required=True,
    )
    with pytest.raises(ValidationError) as error:
        submit(call, submitters[0], answers={format_q.pk: "in person"})
    assert error.value.messages == ["“Preferred format”: choose one of the options."]
    assert Submission.objects.count() == 0
    done = submit(call, submitters[0], answers={format_q.pk: "recorded"})
    assert [(a.question.label, a.value) for a in done.answers.all()] == [
        ("Preferred format", "recorded")
    ]


def test_late_submission_refused_unless_extended(call, organiser, submitters):
    later = call.closes + dt.timedelta(hours=1)
    with pytest.raises(PermissionDenied):
        submit(call, submitters[0], now=later)
    do_save_call(
        call.event,
        actor=organiser,
        opens=dt.datetime(2020, 1, 1),
        closes=wall(call.closes, call.event.timezone),  # the same deadline, in Europe/Zurich
        extended_until=wall(call.closes + dt.timedelta(days=2), call.event.timezone),
        kinds=["talk", "poster"],
    )
    call.refresh_from_db()
    assert submit(call, submitters[0], now=later).status == "submitted"


def test_submitter_edits_until_the_deadline_then_not(call, submitters):
    done = submit(call, submitters[0])
    submit(call, submitters[0], submission=done, title="Jets, revised")
    done.refresh_from_db()
    assert done.title == "Jets, revised"
    with pytest.raises(PermissionDenied):
        submit(
            call,
            submitters[0],
            submission=done,
            title="Too late",
            now=call.closes + dt.timedelta(seconds=1),
        )
    done.refresh_from_db()
    assert done.title == "Jets, revised"


def test_withdraw_is_audited_and_final(call, submitters):
    done = submit(call, submitters[0])
    do_withdraw(done, actor=submitters[0])
    assert (
        done.status,
        AuditEntry.objects.filter(action="review.submission.withdraw").count(),
    ) == ("withdrawn", 1)
    with pytest.raises(PermissionDenied):
        do_withdraw(done, actor=submitters[0])


@pytest.mark.parametrize(
    ("extra", "errors"),
    [
        (
            {"abstract": "x" * 3001},
            {"abstract": ["The abstract has 3001 characters; the limit is 3000."]},
        ),
        ({"kind": "lecture"}, {"kind": ["This call takes: talk, poster."]}),
        (
            {"authors": [AuthorIn("Ada Author", orcid="0000-0002-1825-0098", presents=True)]},
            {"authors": ["Author 1: 0000-0002-1825-0098 is not a valid ORCID iD."]},
        ),
        (
            {"authors": [AuthorIn("Ada Author")]},
            {"authors": ["Mark who presents with a * before the name."]},
        ),
    ],
)
def test_bad_submissions_are_refused_with_their_reason(call, submitters, extra, errors):
    with pytest.raises(ValidationError) as error:
        submit(call, submitters[0], **extra)
    assert error.value.message_dict == errors
    assert Submission.objects.count() == 0


def test_pdf_is_stored_without_metadata(call, submitters):
    upload = SimpleUploadedFile(
        "a.pdf", pdf_bytes("Jets in open data", author="Anastasia Kuznetsova")
    )
    done = submit(call, submitters[0], pdf=upload)
    with done.pdf.open("rb") as stored_file:
        stored = stored_file.read()
    assert (pdfmeta.metadata(stored), b"Kuznetsova" in stored) == ({}, False)


def test_a_file_that_is_not_a_pdf_is_refused(call, submitters):
    with pytest.raises(ValidationError) as error:
        submit(call, submitters[0], pdf=SimpleUploadedFile("a.pdf", b"%PDF-1.4 not really"))
    assert error.value.message_dict == {"pdf": ["This file is not a readable PDF."]}
    assert Submission.objects.count() == 0


def test_submitter_is_warned_when_abstract_or_pdf_names_an_author(call, submitters):
    upload = SimpleUploadedFile("a.pdf", pdf_bytes("As Kuznetsova showed before"))
    done = submit(call, submitters[0], abstract="Following A. Kuznetsova (2024) we...", pdf=upload)
    assert done.warnings == ["abstract:Kuznetsova", "PDF:Kuznetsova"]


def test_submission_page_flow_warns_and_the_author_sees_it(client, call, submitters):
    client.force_login(submitters[1])
    response = client.post(
        reverse("review:submit", args=[call.event_id]),
        {
            "title": "Neutrino oscillations",
            "abstract": "Mensah et al. found $\\Delta m^2$.",
            "keywords": "neutrinos",
            "kind": "poster",
            "authors": "*Kofi Mensah; 0000-0002-1694-233X; University of Cape Town; "
            "kofi@example.org",
        },
        follow=True,
    )
    done = Submission.objects.get()
    assert (done.kind, [a.orcid for a in done.authors.all()], done.warnings) == (
        "poster",
        ["0000-0002-1694-233X"],
        ["abstract:Mensah"],
    )
    assert "an author&#x27;s name appears in: abstract:Mensah" in response.content.decode()


def test_late_page_post_is_refused_and_changes_nothing(client, call, submitters):
    call.closes = timezone.now() - dt.timedelta(minutes=1)
    call.opens = call.closes - dt.timedelta(days=1)
    call.save()
    client.force_login(submitters[0])
    response = client.post(reverse("review:submit", args=[call.event_id]), {"title": "Late"})
    assert (response.status_code, Submission.objects.count()) == (403, 0)
