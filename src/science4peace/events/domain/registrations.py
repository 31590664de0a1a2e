"""Registration: free, no nationality question, with an optional capacity and a waiting list
that moves up by itself. The event row is locked while places are counted, so concurrent
registrations can neither overfill the event nor lose anyone; registering twice returns the
one registration there is (invariant 5)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.core.uploads import check_pdf
from science4peace.core.validators import clean_answers, validate_zone
from science4peace.events import rules
from science4peace.events.models import Contribution, Event, Registration

Status = Registration.Status
ACTIVE = (Status.REGISTERED, Status.WAITING, Status.APPLIED)

# Called inside the change's transaction with (registration, what happened):
# ``interfaces.mail.notify_for`` writes the e-mail to the outbox (core.mail), which delivers it
# after commit, the same for the pages and the API; a rolled-back change sends nothing.
Notify = Callable[[Registration, str], None]


def lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Status.REGISTERED).count()


def _has_room(event: Event) -> bool:
    return event.capacity is None or taken(event) < event.capacity


def _notify(notify: Notify | None, registration: Registration, what: str) -> None:
    if notify is not None:
        notify(registration, what)


@transaction.atomic
def do_register(
    event: Event,
    *,
    user: Any,
    consent: bool,
    city: str = "",
    timezone_name: str = "",
    language: str = "en",
    motivation: str = "",
    cv: UploadedFile | None = None,
    answers: Mapping[int, str] | None = None,
    notify: Notify | None = None,
) -> tuple[Registration, bool]:
    """Register ``user`` (or, for a school, file the application). Returns the registration
    and whether it is new; a second call while the first stands changes nothing."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to register."))
    locked = lock(event)
    existing = Registration.objects.filter(event=locked, user=user).first()
    if existing is not None and existing.status in ACTIVE:
        return existing, False
    errors: dict[str, Any] = {}
    if not rules.can_see(user, locked) or not locked.registration_open:
        raise ValidationError(_("Registration for this event is closed."))
    if not consent:
        errors["consent"] = _("Registration needs your consent to the text above.")
    if timezone_name:
        try:
            validate_zone(timezone_name)
        except ValidationError as error:
            errors["timezone"] = error.messages[0]
    if locked.is_school and not motivation.strip():
        errors["motivation"] = _("Tell the selection committee why you want to take part.")
    try:
        given = clean_answers(locked.registration_questions.all(), answers or {})
    except ValidationError as error:
        errors["__all__"] = error.message_dict["__all__"]
    if errors:
        raise ValidationError(errors)
    cv = cv if locked.is_school else None
    if cv is not None:
        check_pdf(cv, "cv")
    if existing is not None and existing.status == Status.REJECTED:
        raise ValidationError(_("Your application to this school was not selected."))
    if locked.is_school:
        status = Status.APPLIED
    else:
        status = Status.REGISTERED if _has_room(locked) else Status.WAITING
    registration = existing or Registration(event=locked, user=user)
    now = timezone.now()
    registration.status, registration.queued_at, registration.consent_at = status, now, now
    registration.city, registration.timezone = city.strip()[:150], timezone_name.strip()
    registration.language, registration.motivation = language, motivation.strip()
    registration.decided_at = None
    registration.answers = {str(q.pk): value for q, value in given.items()}
    if cv is not None:
        registration.cv.save(f"application-{registration.code}.pdf", cv, save=False)
    registration.save()
    audit.record(actor=user, action=f"event.register.{status}", obj=locked, after={"user": user.pk})
    _notify(notify, registration, status)
    return registration, True


def _promote(event: Event, *, actor: Any, notify: Notify | None) -> Registration | None:
    if not _has_room(event):
        return None
    first = (
        Registration.objects.select_for_update()
        .filter(event=event, status=Status.WAITING)
        .order_by("queued_at", "id")
        .first()
    )
    if first is None:
        return None
    first.status = Status.REGISTERED
    first.save(update_fields=["status", "updated"])
    audit.record(actor=actor, action="event.promote", obj=event, after={"user": first.user_id})
    _notify(notify, first, "promoted")
    return first


@transaction.atomic
def do_withdraw(
    event: Event, *, user: Any, notify: Notify | None = None
) -> tuple[Registration | None, Registration | None]:
    """Withdraw ``user``; the first on the waiting list takes the freed place. Returns the
    withdrawn registration (None if there was none) and the promoted one."""
    locked = lock(event)
    registration = (
        Registration.objects.select_for_update()
        .filter(event=locked, user=user, status__in=ACTIVE)
        .first()
    )
    if registration is None:
        return None, None
    registration.status = Status.WITHDRAWN
    registration.save(update_fields=["status", "updated"])
    audit.record(actor=user, action="event.withdraw", obj=locked, after={"user": user.pk})
    return registration, _promote(locked, actor=user, notify=notify)


def promote_waiting(
    event: Event, *, actor: Any, notify: Notify | None = None
) -> list[Registration]:
    """Fill every free place from the waiting list, first come first served. Call with the
    event row locked (``lock``)."""
    promoted = []
    while (row := _promote(event, actor=actor, notify=notify)) is not None:
        promoted.append(row)
    return promoted


@transaction.atomic
def do_decide(
    registration: Registration, *, actor: Any, accept: bool, notify: Notify | None = None
) -> Registration:
    """The selection step of a school: accepted applicants get a place (or the waiting list
    when the school is full)."""
    event = lock(registration.event)
    if not rules.can_review(actor, event):
        raise PermissionDenied(_("Only the selection committee may do this."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.APPLIED:
        raise ValidationError(_("This application has been decided already."))
    if accept:
        registration.status = Status.REGISTERED if _has_room(event) else Status.WAITING
    else:
        registration.status = Status.REJECTED
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at", "updated"])
    audit.record(
        actor=actor,
        action="event.decide",
        obj=event,
        after={"application": registration.code, "status": registration.status},
    )
    _notify(notify, registration, registration.status)
    return registration


@transaction.atomic
def do_mark_interests(
    registration: Registration, *, actor: Any, talks: Iterable[Contribution]
) -> None:
    """The contributions a participant most wants to attend (for the fair timetable);
    none marked clears the marks."""
    if registration.user_id != actor.pk or not rules.is_participant(registration):
        raise PermissionDenied(_("Only registered participants mark their interests."))
    chosen = list(talks)
    if any(talk.event_id != registration.event_id for talk in chosen):
        raise ValidationError(_("Mark contributions of this event only."))
    registration.interests.set(chosen)


@transaction.atomic
def do_admit(
    event: Event, *, actor: Any, user: Any, language: str = "en", motivation: str = ""
) -> Registration:
    """A place at a school confirmed through its selection (the review app's ranked list and
    follow-up form, which took the consent): ``user`` is registered."""
    locked = lock(event)
    if not locked.is_school:
        raise ValidationError(_("Only a school admits selected applicants."))
    now = timezone.now()
    registration = Registration.objects.select_for_update().filter(event=locked, user=user).first()
    registration = registration or Registration(event=locked, user=user, queued_at=now)
    registration.status, registration.consent_at, registration.decided_at = (
        Status.REGISTERED,
        now,
        now,
    )
    registration.language = language
    registration.motivation = registration.motivation or motivation[:2000]
    registration.save()
    audit.record(actor=actor, action="event.admit", obj=locked, after={"user": user.pk})
    return registration
