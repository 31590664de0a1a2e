"""School selection (issue 16, point 9). A school's applications are the submissions of its
call: the same committee, conflicts, assignment and blind scores. After the call's deadline
the organisers offer the ``places`` best ranked applicants a place; each confirms attendance
on a follow-up form (custom questions from the one form builder) before their own deadline.
A declined place, or one not confirmed in time (``do_pass_on_lapsed``, run periodically),
passes to the next applicant on the ranked list, and both people are told in their language.
Every change is audited; ranking reads scores only (invariant 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from science4peace.core import audit
from science4peace.core.domain.questions import add_question, remove_question
from science4peace.core.validators import clean_answers
from science4peace.events.domain.registrations import do_admit
from science4peace.lib.timezones import wall_and_utc
from science4peace.notifications.domain.channels import channel_key
from science4peace.notifications.domain.notify import notify
from science4peace.people.domain.queries import person_of
from science4peace.review import rules
from science4peace.review.domain.access import access_call
from science4peace.review.domain.queries import ranking
from science4peace.review.models import Call, FollowUpQuestion, Offer, School

HOLDING = (Offer.Status.OFFERED, Offer.Status.CONFIRMED)


def access_school(actor: Any, event_id: int) -> School:
    """The selection of a school, for its organisers."""
    call = access_call(actor, event_id, to="manage")
    school = School.objects.filter(call=call).first()
    if school is None:
        raise Http404(_("This school has no selection yet."))
    school.call = call
    return school


def access_offer(actor: Any, offer_id: int) -> Offer:
    """A place offered to the actor. Someone else's offer is, for them, not there."""
    offer = (
        Offer.objects.select_related("submission", "school__call__event")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None or not actor.is_authenticated or offer.submission.submitter_id != actor.pk:
        raise Http404(_("No such place."))
    return offer


def access_follow_up_question(actor: Any, event_id: int, question_id: int) -> FollowUpQuestion:
    school = access_school(actor, event_id)
    question = school.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404(_("No such question."))
    question.school = school
    return question


def _require_manager(actor: Any, call: Call) -> None:
    if not rules.can_manage(actor, call.event):
        raise PermissionDenied(_("Only the event's organisers may do this."))


@transaction.atomic
def do_save_school(call: Call, *, actor: Any, places: int, confirm_days: int) -> School:
    """Make ``call`` the selection of its school, or change the number of places and the
    days each offered applicant has to confirm."""
    _require_manager(actor, call)
    if not call.event.is_school:
        raise ValidationError(_("Only a school selects applicants; this event is not a school."))
    errors = {}
    if not 1 <= places <= 10000:
        errors["places"] = _("Offer between 1 and 10000 places.")
    if not 1 <= confirm_days <= 365:
        errors["confirm_days"] = _("Give between 1 and 365 days to confirm.")
    if errors:
        raise ValidationError(errors)
    school = School.objects.select_for_update().filter(call=call).first() or School(call=call)
    before = audit.snapshot(school) if school.pk else None
    school.places, school.confirm_days = places, confirm_days
    school.save()
    audit.record(
        actor=actor,
        action="review.school.save",
        obj=school,
        before=before,
        after=audit.snapshot(school),
    )
    return school


@transaction.atomic
def do_add_follow_up_question(
    school: School, *, actor: Any, label: str, kind: str, choices: str = "", required: bool = False
) -> FollowUpQuestion:
    _require_manager(actor, school.call)
    question = FollowUpQuestion(
        school=school,
        label=label,
        kind=kind,
        choices=choices,
        required=required,
        position=school.questions.count(),
    )
    return add_question(question, actor=actor, action="review.school.question.add")


@transaction.atomic
def do_remove_follow_up_question(question: FollowUpQuestion, *, actor: Any) -> None:
    _require_manager(actor, question.school.call)
    remove_question(question, actor=actor, action="review.school.question.remove")


def zone_of(user: Any, event: Any) -> str:
    """The zone a person reads a deadline in: their profile's, else the event's."""
    person = person_of(user)
    return person.timezone if person and person.timezone else event.timezone


def _tell(offer: Offer, what: str) -> None:
    """Tell the applicant behind ``offer`` in the language they applied in."""
    submission = offer.submission
    event = offer.school.call.event
    if what == "offered":
        subject = gettext_lazy("A place at %(event)s")
        body = gettext_lazy(
            "The selection committee of %(event)s offers you a place. Confirm that you will "
            "attend, and answer the follow-up questions, by %(deadline)s; after that the "
            "place passes to the next applicant: %(url)s"
        )
    else:
        subject = gettext_lazy("Your place at %(event)s has passed on")
        body = gettext_lazy(
            "You did not confirm your place at %(event)s by %(deadline)s, so it has "
            "passed to the next applicant on the ranked list: %(url)s"
        )
    url = reverse("review:offer", args=[offer.pk])
    notify(
        recipients=[submission.submitter],
        kind=f"review.school.{what}",
        channel=channel_key("event", event.pk),
        subject=subject,
        body=body,
        context={
            "event": event.title,
            "deadline": wall_and_utc(offer.deadline, zone_of(submission.submitter, event)),
            "url": url,
        },
        url=url,
        urgency="required",
        languages={submission.submitter_id: submission.language},
    )


def _fill(school: School, *, actor: Any, now: dt.datetime) -> list[Offer]:
    """Offer every free place to the next ranked applicants without an offer."""
    free = school.places - school.offers.filter(status__in=HOLDING).count()
    if free <= 0:
        return []
    offered = set(school.offers.values_list("submission_id", flat=True))
    made: list[Offer] = []
    for rank, row in enumerate(ranking(school.call), start=1):
        if len(made) == free:
            break
        if row.submission.pk in offered:
            continue
        offer = Offer.objects.create(
            school=school,
            submission=row.submission,
            rank=rank,
            offered_at=now,
            deadline=now + dt.timedelta(days=school.confirm_days),
        )
        audit.record(
            actor=actor,
            action="review.school.offer",
            obj=offer,
            after={"submission": row.submission.code, "rank": rank, "mean": row.mean},
        )
        _tell(offer, "offered")
        made.append(offer)
    return made


def lock(school: School) -> School:
    return School.objects.select_for_update().select_related("call__event").get(pk=school.pk)


@transaction.atomic
def do_offer_places(school: School, *, actor: Any, now: dt.datetime | None = None) -> list[Offer]:
    """Offer the free places to the best ranked applicants, after the application deadline."""
    now = now or timezone.now()
    _require_manager(actor, school.call)
    school = lock(school)
    if now <= school.call.deadline:
        raise ValidationError(
            _("Applications are open until %(deadline)s; offer places after that.")
            % {"deadline": wall_and_utc(school.call.deadline, school.call.event.timezone)}
        )
    if not ranking(school.call):
        raise ValidationError(_("No application has a score yet: review them first."))
    return _fill(school, actor=actor, now=now)


@transaction.atomic
def do_answer_offer(
    offer: Offer,
    *,
    actor: Any,
    attend: bool,
    consent: bool = False,
    answers: Mapping[int, str] | None = None,
    now: dt.datetime | None = None,
) -> tuple[Offer, list[Offer]]:
    """The applicant confirms (``attend``) or declines their place before its deadline; a
    confirmed place is a registration of the school. Returns the offer and the offers a
    declined place made to the next applicants."""
    now = now or timezone.now()
    offer = Offer.objects.select_for_update().select_related("submission").get(pk=offer.pk)
    if offer.submission.submitter_id != actor.pk:
        raise PermissionDenied(_("Only the applicant may answer for their place."))
    school = lock(offer.school)
    offer.school = school
    if offer.status != Offer.Status.OFFERED:
        raise ValidationError(_("This place has been answered already or has passed on."))
    if now > offer.deadline:
        raise ValidationError(
            _("The deadline to confirm this place passed on %(deadline)s.")
            % {"deadline": wall_and_utc(offer.deadline, zone_of(actor, school.call.event))}
        )
    made: list[Offer] = []
    if attend:
        given = clean_answers(school.questions.all(), answers or {})
        if not consent:
            raise ValidationError({"consent": _("Attending needs your consent to the text above.")})
        offer.status = Offer.Status.CONFIRMED
        offer.answers = {str(q.pk): value for q, value in given.items()}
        do_admit(
            school.call.event,
            actor=actor,
            user=actor,
            language=offer.submission.language,
            motivation=offer.submission.abstract,
        )
    else:
        offer.status = Offer.Status.DECLINED
    offer.answered_at = now
    offer.save(update_fields=["status", "answers", "answered_at"])
    audit.record(
        actor=actor,
        action=f"review.school.{offer.status}",
        obj=offer,
        after={"submission": offer.submission.code, "answers": offer.answers},
    )
    if not attend:
        made = _fill(school, actor=actor, now=now)
    return offer, made


@transaction.atomic
def _pass_on(offer: Offer, now: dt.datetime) -> tuple[Offer, list[Offer]] | None:
    offer = Offer.objects.select_for_update().select_related("submission").get(pk=offer.pk)
    if offer.status != Offer.Status.OFFERED or offer.deadline >= now:
        return None  # answered meanwhile, or another worker passed it on
    school = lock(offer.school)
    offer.school = school
    offer.status = Offer.Status.LAPSED
    offer.save(update_fields=["status"])
    audit.record(
        actor=None,
        action="review.school.lapsed",
        obj=offer,
        after={"submission": offer.submission.code},
    )
    _tell(offer, "lapsed")
    return offer, _fill(school, actor=None, now=now)


def do_pass_on_lapsed(*, now: dt.datetime | None = None) -> list[tuple[Offer, list[Offer]]]:
    """Every place not confirmed by its deadline passes to the next ranked applicant; returns
    the lapsed offers with the offers each made. Run periodically (``pass_on_places``)."""
    now = now or timezone.now()
    due = Offer.objects.filter(status=Offer.Status.OFFERED, deadline__lt=now).order_by(
        "deadline", "id"
    )
    return [done for offer in due if (done := _pass_on(offer, now)) is not None]


@task()
def pass_on_places_task() -> int:
    return len(do_pass_on_lapsed())
