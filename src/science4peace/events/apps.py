from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "science4peace.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (programme changes bump the event's version)
        from .domain.notices import register_event_channel

        register_event_channel()
