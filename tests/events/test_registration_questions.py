"""Custom questions on the registration form (issue 16, point 1): built and checked by the
same builder as a call's (no question about origin, in any interface language), answered on
the event page or through the API, shown to organisers and in the registrants CSV with
formula cells neutralised (issue 12, defect 2)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from science4peace.events.domain.questions import do_add_registration_question
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(conference, organiser):
    return [
        do_add_registration_question(
            conference, actor=organiser, label="Session you chair", kind="text"
        ),
        do_add_registration_question(
            conference,
            actor=organiser,
            label="Track",
            kind="choice",
            choices="Theory\nExperiment",
            required=True,
        ),
        do_add_registration_question(
            conference, actor=organiser, label="Need captions", kind="checkbox"
        ),
    ]


@pytest.mark.parametrize(
    "label",
    [
        "Your nationality",
        "Гражданство",
        "Номер паспорта",
        "Ваше громадянство",
        "الجنسية",
        "رقم جواز السفر",
    ],
)
def test_the_builder_refuses_a_question_about_origin_in_every_language(
    conference, organiser, label
):
    with pytest.raises(ValidationError, match="nationality, citizenship or a passport"):
        do_add_registration_question(conference, actor=organiser, label=label, kind="text")
    assert list(conference.registration_questions.all()) == []


def test_a_choice_needs_two_options(conference, organiser):
    with pytest.raises(ValidationError, match="at least two options"):
        do_add_registration_question(
            conference, actor=organiser, label="Track", kind="choice", choices="Theory"
        )
    assert list(conference.registration_questions.all()) == []


def test_a_registration_without_a_required_answer_is_refused_and_nothing_saved(
    conference, user, questions
):
    with pytest.raises(ValidationError, match="“Track” needs an answer"):
        do_register(conference, user=user, consent=True, answers={questions[0].pk: "Jets"})
    with pytest.raises(ValidationError, match="“Track”: choose one of the options"):
        do_register(conference, user=user, consent=True, answers={questions[1].pk: "Magic"})
    assert Registration.objects.count() == 0


def test_answers_are_kept_by_question(conference, user, questions):
    registration, _new = do_register(
        conference,
        user=user,
        consent=True,
        answers={questions[1].pk: "Theory", questions[2].pk: "on"},
    )
    assert registration.answers == {
        str(questions[0].pk): "",
        str(questions[1].pk): "Theory",
        str(questions[2].pk): "yes",
    }


def test_the_event_page_asks_the_questions_and_keeps_the_answers(
    client, conference, user, questions
):
    client.force_login(user)
    page = client.get(reverse("events:detail", args=[conference.pk])).content.decode()
    assert [f'name="q_{q.pk}"' in page for q in questions] == [True, True, True]
    url = reverse("events:register", args=[conference.pk])
    refused = client.post(url, {"consent": "on"})
    assert refused.status_code == 400
    assert Registration.objects.count() == 0
    done = client.post(url, {"consent": "on", f"q_{questions[1].pk}": "Experiment"})
    assert done.status_code == 302
    assert Registration.objects.get().answers[str(questions[1].pk)] == "Experiment"


def test_organisers_see_the_answers_on_the_page_and_in_the_csv_with_formulas_neutralised(
    client, conference, organiser, user, questions
):
    do_register(
        conference,
        user=user,
        consent=True,
        answers={questions[0].pk: '=HYPERLINK("http://x")', questions[1].pk: "Theory"},
    )
    client.force_login(organiser)
    page = client.get(reverse("events:registrants", args=[conference.pk])).content.decode()
    assert ['<th scope="col">Track</th>' in page, '<td data-label="Track">Theory</td>' in page] == [
        True,
        True,
    ]
    text = client.get(reverse("events:registrants-csv", args=[conference.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-3:] == ["Session you chair", "Track", "Need captions"]
    assert rows[1][-3:] == ['\'=HYPERLINK("http://x")', "Theory", ""]


def test_the_api_takes_answers_by_question_id_and_refuses_a_key_that_is_no_id(
    client, conference, user, questions, auth_headers
):
    url = f"/api/events/{conference.pk}/registration"
    bad = client.post(
        url,
        {"consent": True, "answers": {"track": "Theory"}},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (bad.status_code, Registration.objects.count()) == (400, 0)
    assert "No question has the id track." in bad.content.decode()
    good = client.post(
        url,
        {"consent": True, "answers": {str(questions[1].pk): "Theory"}},
        content_type="application/json",
        headers=auth_headers,
    )
    assert good.status_code == 201
    assert Registration.objects.get().answers[str(questions[1].pk)] == "Theory"
