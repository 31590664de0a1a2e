"""School selection (issue 16, point 9): applications reviewed blind like submissions, a
ranked list from the scores, places offered to the best, a follow-up form with its own
deadline, and an unconfirmed place passing to the next applicant with both people told."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from science4peace.core.models import AuditEntry
from science4peace.events.models import Registration
from science4peace.notifications.models import Notification
from science4peace.review.domain import queries, reviews, schools
from science4peace.review.domain.assignment import do_add_assignment
from science4peace.review.models import Offer, Review, Submission

from .conftest import after

pytestmark = pytest.mark.django_db


def test_the_ranking_orders_applications_by_mean_score(school, scored):
    first, second, third = scored
    rows = queries.ranking(school.call)
    assert [(r.rank, r.submission, r.mean) for r in rows] == [
        (1, first, 5.0),
        (2, third, 4.0),
        (3, second, 3.0),
    ]


def test_the_offer_mail_gives_the_deadline_in_the_applicants_zone_with_utc_beside_it(
    school, scored, organiser
):
    first, _second, _third = scored
    first.submitter.person.timezone = "Asia/Tokyo"
    first.submitter.person.save(update_fields=["timezone"])
    offers = schools.do_offer_places(school, actor=organiser, now=after(school.call))
    deadline = offers[0].deadline
    tokyo = deadline.astimezone(dt.timezone(dt.timedelta(hours=9)))
    told = Notification.objects.filter(item__kind="review.school.offered").order_by("id")
    bodies = [n.item.texts[n.language]["body"] for n in told]
    assert f"by {tokyo:%Y-%m-%d %H:%M} Asia/Tokyo (" in bodies[0]
    assert f"{deadline:%H:%M} UTC);" in bodies[0]
    # no zone in the profile: the event's zone, here UTC
    assert f"{deadline:%Y-%m-%d %H:%M} UTC؛" in bodies[1]


def test_a_rejected_application_leaves_the_ranking_and_gets_no_place(school, scored, organiser):
    first, second, third = scored
    reviews.do_decide([first], actor=organiser, decision=Submission.Decision.REJECT)
    assert [(r.rank, r.submission) for r in queries.ranking(school.call)] == [
        (1, third),
        (2, second),
    ]
    offers = schools.do_offer_places(school, actor=organiser, now=after(school.call))
    assert [o.submission for o in offers] == [third, second]


def test_places_go_to_the_best_ranked_and_each_is_told_in_their_language(school, scored, organiser):
    first, _second, third = scored
    offers = schools.do_offer_places(school, actor=organiser, now=after(school.call))
    assert [(o.submission, o.rank, o.status) for o in offers] == [
        (first, 1, Offer.Status.OFFERED),
        (third, 2, Offer.Status.OFFERED),
    ]
    assert offers[0].deadline == after(school.call) + dt.timedelta(days=7)
    told = Notification.objects.filter(item__kind="review.school.offered").order_by("id")
    assert [(n.recipient, n.language) for n in told] == [
        (first.submitter, "en"),
        (third.submitter, "ar"),
    ]
    arabic = told[1].item.texts["ar"]["subject"]
    assert arabic == "مكان في Summer School on Open Data"
    assert AuditEntry.objects.filter(action="review.school.offer").count() == 2


def test_no_place_is_offered_before_the_application_deadline(school, scored, organiser):
    with pytest.raises(ValidationError, match="Applications are open until"):
        schools.do_offer_places(school, actor=organiser, now=school.call.deadline)
    assert Offer.objects.count() == 0


def test_offering_places_before_any_score_is_refused(school, applicants, organiser):
    with pytest.raises(ValidationError, match="No application has a score yet"):
        schools.do_offer_places(school, actor=organiser, now=after(school.call))
    assert Offer.objects.count() == 0


def test_only_organisers_offer_places(school, scored, reviewers):
    with pytest.raises(PermissionDenied):
        schools.do_offer_places(school, actor=reviewers[0], now=after(school.call))
    assert Offer.objects.count() == 0


def test_a_confirmed_place_is_a_registration_with_the_follow_up_answers(school, scored, organiser):
    question = schools.do_add_follow_up_question(
        school, actor=organiser, label="Dietary needs", kind="text", required=True
    )
    offer = schools.do_offer_places(school, actor=organiser, now=after(school.call))[0]
    applicant = offer.submission.submitter
    with pytest.raises(ValidationError, match="needs an answer"):
        schools.do_answer_offer(
            offer, actor=applicant, attend=True, consent=True, now=after(school.call)
        )
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OFFERED
    schools.do_answer_offer(
        offer,
        actor=applicant,
        attend=True,
        consent=True,
        answers={question.pk: "vegetarian"},
        now=after(school.call, days=1),
    )
    offer.refresh_from_db()
    assert (offer.status, offer.answers) == (
        Offer.Status.CONFIRMED,
        {str(question.pk): "vegetarian"},
    )
    registration = Registration.objects.get(event=school.call.event, user=applicant)
    assert registration.status == Registration.Status.REGISTERED
    rows = queries.ranking(school.call)
    assert rows[0].answers == [("Dietary needs", "vegetarian")]


def test_confirming_someone_elses_place_is_refused(school, scored, organiser):
    _first, second, _third = scored
    offer = schools.do_offer_places(school, actor=organiser, now=after(school.call))[0]
    with pytest.raises(PermissionDenied):
        schools.do_answer_offer(
            offer, actor=second.submitter, attend=True, consent=True, now=after(school.call)
        )
    with pytest.raises(Http404, match="No such place"):
        schools.access_offer(second.submitter, offer.pk)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OFFERED


def test_confirming_after_the_follow_up_deadline_is_refused(school, scored, organiser):
    offer = schools.do_offer_places(school, actor=organiser, now=after(school.call))[0]
    late = offer.deadline + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="The deadline to confirm this place passed"):
        schools.do_answer_offer(
            offer, actor=offer.submission.submitter, attend=True, consent=True, now=late
        )
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OFFERED


def test_a_declined_place_goes_to_the_next_on_the_ranked_list(school, scored, organiser):
    first, second, _third = scored
    offer = schools.do_offer_places(school, actor=organiser, now=after(school.call))[0]
    _offer, made = schools.do_answer_offer(
        offer, actor=first.submitter, attend=False, now=after(school.call)
    )
    assert [(o.submission, o.rank) for o in made] == [(second, 3)]
    assert Registration.objects.filter(user=first.submitter).count() == 0


def test_an_unconfirmed_place_passes_on_after_its_deadline_and_both_are_told(
    school, scored, organiser
):
    first, second, third = scored
    offers = schools.do_offer_places(school, actor=organiser, now=after(school.call))
    schools.do_answer_offer(
        offers[1],
        actor=third.submitter,
        attend=True,
        consent=True,
        now=after(school.call),
    )
    assert schools.do_pass_on_lapsed(now=offers[0].deadline) == []
    later = offers[0].deadline + dt.timedelta(seconds=1)
    passed = schools.do_pass_on_lapsed(now=later)
    assert [(o.submission, o.status, [n.submission for n in new]) for o, new in passed] == [
        (first, Offer.Status.LAPSED, [second])
    ]
    assert schools.do_pass_on_lapsed(now=later) == []
    lapsed = Notification.objects.get(item__kind="review.school.lapsed")
    assert (lapsed.recipient, lapsed.language) == (first.submitter, "en")
    offered = Notification.objects.filter(item__kind="review.school.offered").latest("id")
    assert (offered.recipient, offered.language) == (second.submitter, "ru")
    assert offered.item.texts["ru"]["subject"] == "Место в Summer School on Open Data"
    assert AuditEntry.objects.filter(action="review.school.lapsed").count() == 1
    assert [o.status for o in Offer.objects.order_by("rank")] == [
        Offer.Status.LAPSED,
        Offer.Status.CONFIRMED,
        Offer.Status.OFFERED,
    ]


@pytest.mark.parametrize("label", ["Passport number", "Ваше гражданство?", "رقم جواز السفر"])
def test_the_follow_up_form_refuses_questions_about_origin(school, organiser, label):
    with pytest.raises(ValidationError, match="nationality, citizenship or a passport"):
        schools.do_add_follow_up_question(school, actor=organiser, label=label, kind="text")
    assert list(school.questions.all()) == []


def test_only_a_school_gets_a_selection(call, organiser):
    with pytest.raises(ValidationError, match="this event is not a school"):
        schools.do_save_school(call, actor=organiser, places=3, confirm_days=7)


def test_the_selection_refuses_zero_places(school_call, organiser):
    with pytest.raises(ValidationError) as caught:
        schools.do_save_school(school_call, actor=organiser, places=0, confirm_days=0)
    assert sorted(caught.value.message_dict) == ["confirm_days", "places"]


def test_a_score_outside_the_scale_is_refused_on_the_review_page(
    client, school, applicants, organiser, reviewers
):
    submission = applicants[0]
    do_add_assignment(submission, actor=organiser, reviewer=reviewers[2])
    client.force_login(reviewers[2])
    url = reverse("review:review", args=[school.call.event_id, submission.code])
    response = client.post(url, {"score": 9, "confidence": 2})
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 5." in response.content.decode()
    assert Review.objects.filter(assignment__submission=submission).count() == 0


def test_the_organisers_page_shows_the_ranking_and_offers_places(client, school, scored, organiser):
    client.force_login(organiser)
    page = client.get(reverse("review:school", args=[school.call.event_id]))
    assert page.status_code == 200
    assert [scored[0].code in page.content.decode(), scored[2].code in page.content.decode()] == [
        True,
        True,
    ]
    refused = client.post(reverse("review:offer-places", args=[school.call.event_id]))
    assert refused.status_code == 400
    assert "Applications are open until" in refused.content.decode()
    assert Offer.objects.count() == 0


def test_the_follow_up_form_confirms_through_the_page_and_refuses_others(
    client, school, scored, organiser
):
    first, second, _third = scored
    offer = schools.do_offer_places(school, actor=organiser, now=after(school.call))[0]
    Offer.objects.filter(pk=offer.pk).update(deadline=timezone.now() + dt.timedelta(days=3))
    url = reverse("review:offer", args=[offer.pk])
    client.force_login(second.submitter)
    assert client.post(url, {"attend": "yes", "consent": "on"}).status_code == 404
    client.force_login(first.submitter)
    offer.refresh_from_db()
    page = client.get(url).content.decode()
    shown = f"{offer.deadline:%Y-%m-%d %H:%M} UTC"  # the event's zone: no zone in the profile
    assert f'Confirm by <bdi dir="ltr">{shown}</bdi>;' in page
    without_consent = client.post(url, {"attend": "yes"})
    assert without_consent.status_code == 400
    assert "Attending needs your consent" in without_consent.content.decode()
    done = client.post(url, {"attend": "yes", "consent": "on"})
    assert done.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.CONFIRMED


def test_a_schools_application_is_never_accepted_as_a_talk_or_poster(
    client, school, scored, organiser
):
    first, _second, _third = scored
    for decision in (Submission.Decision.TALK, Submission.Decision.POSTER):
        with pytest.raises(ValidationError, match="can only be rejected"):
            reviews.do_decide([first], actor=organiser, decision=decision)
    first.refresh_from_db()
    assert (first.decision, first.contribution) == (Submission.Decision.NONE, None)
    client.force_login(organiser)
    url = reverse("review:decide", args=[school.call.event_id])
    refused = client.post(url, {"codes": first.code, "decision": "talk"})
    assert refused.status_code == 400
    page = client.get(reverse("review:manage", args=[school.call.event_id])).content.decode()
    assert 'value="reject"' in page
    assert 'value="talk"' not in page
    assert 'value="poster"' not in page
