"""A school's selection through the API: the organisers read and set the selection, offer
the places; the applicant reads their place and answers its follow-up form. Same rules and
rows as the pages (``queries.ranking``, ``schools.do_*``)."""

import datetime as dt

import pytest
from django.utils import timezone

from science4peace.notifications.models import Notification
from science4peace.review.domain import schools
from science4peace.review.models import Call, Offer

from .conftest import auth

pytestmark = pytest.mark.django_db


def close(call) -> None:
    past = timezone.now() - dt.timedelta(hours=1)
    Call.objects.filter(pk=call.pk).update(opens=past - dt.timedelta(days=2), closes=past)


def test_organisers_set_read_and_offer_places_through_the_api(
    client, school_call, scored, organiser, reviewers
):
    url = f"/api/review/events/{school_call.event_id}/school"
    saved = client.put(
        url, {"places": 1, "confirm_days": 5}, content_type="application/json",
        headers=auth(organiser),
    )  # fmt: skip
    assert saved.status_code == 200
    assert (saved.json()["places"], saved.json()["confirm_days"]) == (1, 5)
    ranked = [(r["rank"], r["code"], r["mean"], r["offer"]) for r in saved.json()["ranking"]]
    first, second, third = scored
    assert ranked == [
        (1, first.code, 5.0, None),
        (2, third.code, 4.0, None),
        (3, second.code, 3.0, None),
    ]
    early = client.post(f"{url}/offers", headers=auth(organiser))
    assert (early.status_code, "Applications are open until" in early.json()["detail"]) == (
        400,
        True,
    )
    close(school_call)
    offered = client.post(f"{url}/offers", headers=auth(organiser))
    assert offered.status_code == 200
    rows = offered.json()["ranking"]
    assert [(r["code"], r["offer"] and r["offer"]["status"]) for r in rows] == [
        (first.code, "offered"),
        (third.code, None),
        (second.code, None),
    ]
    assert client.get(url, headers=auth(organiser)).json() == offered.json()
    told = Notification.objects.filter(item__kind="review.school.offered")
    assert [n.recipient for n in told] == [first.submitter]
    # a reviewer is not an organiser: they may not see the selection
    assert client.get(url, headers=auth(reviewers[0])).status_code == 403


def test_the_applicant_answers_their_place_through_the_api(client, school, scored, organiser):
    question = schools.do_add_follow_up_question(
        school, actor=organiser, label="Dietary needs", kind="text", required=True
    )
    first, second, _third = scored
    close(school.call)
    offer = schools.do_offer_places(school, actor=organiser)[0]
    url = f"/api/review/offers/{offer.pk}"
    assert client.get(url, headers=auth(second.submitter)).status_code == 404
    shown = client.get(url, headers=auth(first.submitter)).json()
    assert (shown["status"], shown["questions"]) == (
        "offered",
        [
            {
                "id": question.pk,
                "label": "Dietary needs",
                "kind": "text",
                "choices": [],
                "required": True,
            }
        ],
    )
    missing = client.post(
        f"{url}/answer", {"attend": True, "consent": True}, content_type="application/json",
        headers=auth(first.submitter),
    )  # fmt: skip
    assert missing.status_code == 400
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.OFFERED
    done = client.post(
        f"{url}/answer",
        {"attend": True, "consent": True, "answers": {str(question.pk): "none"}},
        content_type="application/json",
        headers=auth(first.submitter),
    )
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["answers"]) == (
        "confirmed",
        [{"question": "Dietary needs", "answer": "none"}],
    )
    bad_key = client.post(
        f"{url}/answer", {"attend": False, "answers": {"x": "1"}},
        content_type="application/json", headers=auth(first.submitter),
    )  # fmt: skip
    assert bad_key.status_code == 400


def test_places_outside_the_bounds_are_refused_and_nothing_changes(client, school, organiser):
    url = f"/api/review/events/{school.call.event_id}/school"
    refused = client.put(
        url, {"places": 0, "confirm_days": 400}, content_type="application/json",
        headers=auth(organiser),
    )  # fmt: skip
    assert refused.status_code == 422
    school.refresh_from_db()
    assert (school.places, school.confirm_days) == (2, 7)
