"""Any change to a programme bumps its event's ``version``: the timetable cache is keyed by it,
so no reader ever sees a stale programme, whichever process made the change. The same changes
renew the page-cache topics (``core.domain.pagetopics``) of the public pages that show them:
``event:<id>`` (the event and its programme: event page, timetable), ``event-registrations:<id>``
(the event page's counts and travel figures) and ``events`` (the list, with its counts)."""

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from science4peace.core.domain.pagetopics import changed
from science4peace.people.models import Person

from .models import Contribution, ContributionSpeaker, Event, Registration, Session, Track


def bump(event_id: int) -> None:
    Event.objects.filter(pk=event_id).update(version=F("version") + 1)
    changed(f"event:{event_id}")


@receiver([post_save, post_delete], sender=Track)
@receiver([post_save, post_delete], sender=Session)
@receiver([post_save, post_delete], sender=Contribution)
def _programme_changed(sender, instance, **kwargs) -> None:
    bump(instance.event_id)


@receiver(m2m_changed, sender=Contribution.speakers.through)
def _speakers_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Contribution):
        bump(instance.event_id)


@receiver([post_save, post_delete], sender=ContributionSpeaker)
def _speaker_link_changed(sender, instance, **kwargs) -> None:
    Event.objects.filter(contributions=instance.contribution_id).update(version=F("version") + 1)
    changed(*(f"event:{pk}" for pk in _events_of_contribution(instance.contribution_id)))


def _events_of_contribution(contribution_id: int) -> list[int]:
    return list(Contribution.objects.filter(pk=contribution_id).values_list("event_id", flat=True))


@receiver(post_save, sender=Person)
def _speaker_renamed(sender, instance, created, **kwargs) -> None:
    """A speaker's name is in the timetables and exports of their events."""
    if created:
        return
    events = Event.objects.filter(contributions__speakers=instance).values_list("pk", flat=True)
    for event_id in sorted(set(events)):
        bump(event_id)


@receiver([post_save, post_delete], sender=Event)
def _event_changed(sender, instance, **kwargs) -> None:
    changed(f"event:{instance.pk}", "events")


@receiver([post_save, post_delete], sender=Registration)
def _registration_changed(sender, instance, **kwargs) -> None:
    changed(f"event-registrations:{instance.event_id}", "events")
