"""Read queries behind the events pages, their fragments and the API: one function per list,
so that a page and its JSON twin give the same items in the same order. Also the one speaker
rule ("does this user speak at this event, in this session, in this contribution")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from science4peace.events.domain.programme import Programme
from science4peace.events.domain.programme import programme as _programme
from science4peace.events.models import (
    Contribution,
    Event,
    EventMessage,
    EventRole,
    Registration,
    RegistrationQuestion,
    Session,
)
from science4peace.people.domain.queries import person_of

Status = Registration.Status

# Registrants in the order an organiser reads them: who takes part, who waits, who applied,
# who was not selected, who withdrew; within each, first come first.
STATUS_ORDER = (
    Status.REGISTERED,
    Status.WAITING,
    Status.APPLIED,
    Status.REJECTED,
    Status.WITHDRAWN,
)


def list_events(*, kind: str = "") -> QuerySet[Event]:
    """Listed (public) events (only of ``kind``, if given), latest first, each with its number
    of registered people. An unknown kind is a ValidationError."""
    if kind and kind not in Event.Kind.values:
        raise ValidationError({"kind": _("Unknown kind %(kind)s.") % {"kind": kind}})
    events = Event.objects.filter(visibility=Event.Visibility.PUBLIC)
    if kind:
        events = events.filter(kind=kind)
    return events.annotate(
        registered=Count("registrations", filter=Q(registrations__status="registered"))
    ).order_by("-start_date", "id")


def programme(event: Event) -> Programme:
    """The programme as plain rows (``domain.programme``), for the timetable, the manage page,
    the exports and ``GET /api/events/{id}/programme``."""
    return _programme(event)


def registrants(event: Event, *, status: str = "") -> QuerySet[Registration]:
    """Everyone who registered or applied (only those in ``status``, if given), for the
    registrants page, its htmx fragment, its CSV and the API. An unknown status is a
    ValidationError."""
    if status and status not in Status.values:
        raise ValidationError({"status": _("Unknown status %(status)s.") % {"status": status}})
    rank = Case(
        *(When(status=status, then=Value(n)) for n, status in enumerate(STATUS_ORDER)),
        default=Value(len(STATUS_ORDER)),
        output_field=IntegerField(),
    )
    rows = Registration.objects.filter(event=event)
    if status:
        rows = rows.filter(status=status)
    return (
        rows.select_related("user", "user__person")
        .annotate(rank=rank)
        .order_by("rank", "queued_at", "id")
    )


def pending_applications(event: Event) -> QuerySet[Registration]:
    """Applications waiting for a decision, oldest first, with only what the selection may
    read: code, motivation, CV (no name, institution or location)."""
    return (
        Registration.objects.filter(event=event, status=Status.APPLIED)
        .only("code", "motivation", "cv", "queued_at", "event_id")
        .order_by("queued_at", "id")
    )


def decided_applications(event: Event) -> QuerySet[Registration]:
    """Applications decided, in the order they were decided; names are shown now."""
    return (
        Registration.objects.filter(event=event, decided_at__isnull=False)
        .select_related("user", "user__person")
        .order_by("decided_at", "id")
    )


def status_counts(event: Event) -> dict[str, int]:
    rows = Registration.objects.filter(event=event).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def registration_of(user: Any, event: Event) -> Registration | None:
    """The user's registration at ``event`` (in any status), None if they never registered."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def my_registrations(user: Any) -> QuerySet[Registration]:
    """The events the user takes part in, for their agenda."""
    return (
        Registration.objects.filter(user=user, status=Status.REGISTERED)
        .select_related("event")
        .order_by("event__start_date", "event_id")
    )


def scheduled_talks(event: Event) -> QuerySet[Contribution]:
    """Contributions with a time, in the order of the timetable (participants' interests)."""
    return Contribution.objects.filter(event=event, start__isnull=False).order_by("start", "id")


def marked_talks(registration: Registration) -> set[int]:
    return set(registration.interests.values_list("id", flat=True))


def spoken_by(
    user: Any,
    event: Event,
    *,
    session: Session | None = None,
    contribution: Contribution | None = None,
) -> QuerySet[Contribution]:
    """THE speaker rule: the contributions of ``event`` (only those of ``session``, or only
    ``contribution``) in which the person of ``user`` is a speaker."""
    person = person_of(user)
    if person is None:
        return Contribution.objects.none()
    found = Contribution.objects.filter(event=event, speakers=person)
    if session is not None:
        found = found.filter(session=session)
    if contribution is not None:
        found = found.filter(pk=contribution.pk)
    return found.order_by("start", "id")


def is_speaker(
    user: Any,
    event: Event,
    *,
    session: Session | None = None,
    contribution: Contribution | None = None,
) -> bool:
    return spoken_by(user, event, session=session, contribution=contribution).exists()


def name_of(user: Any) -> str:
    """How the platform names a user to organisers and on certificates: the person's name,
    else the account name."""
    person = person_of(user)
    return (person.display_name if person else "") or user.get_username()


def list_roles(event: Event) -> QuerySet[EventRole]:
    """Who holds which role in the event (organisers first), with their person for names."""
    order = Case(
        *(When(role=role, then=Value(i)) for i, role in enumerate(EventRole.Role.values)),
        output_field=IntegerField(),
    )
    return (
        EventRole.objects.filter(event=event)
        .select_related("user__person")
        .order_by(order, "user__email", "id")
    )


def messages_of(event: Event) -> QuerySet[EventMessage]:
    """The organisers' messages of an event, newest first."""
    return (
        EventMessage.objects.filter(event=event)
        .select_related("author")
        .order_by("-created", "-id")
    )


def registration_questions(event: Event) -> list[RegistrationQuestion]:
    """The custom questions of the event's registration form, in their order: the form, the
    registrants page, its CSV and the API read them here."""
    return list(RegistrationQuestion.objects.filter(event=event).order_by("position", "id"))


def answer_row(registration: Registration, questions: list[RegistrationQuestion]) -> list[str]:
    return [registration.answers.get(str(q.pk), "") for q in questions]
