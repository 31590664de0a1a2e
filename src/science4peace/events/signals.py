"""Any change to a programme bumps its event's ``version``: the timetable cache is keyed by it,
so no reader ever sees a stale programme, whichever process made the change."""

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Contribution, ContributionSpeaker, Event, Session, Track


def bump(event_id: int) -> None:
    Event.objects.filter(pk=event_id).update(version=F("version") + 1)


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
