from django.apps import AppConfig


class CollaborationsConfig(AppConfig):
    name = "science4peace.collaborations"
    label = "collaborations"
    verbose_name = "Collaborations"

    def ready(self) -> None:
        from science4peace.core.domain.pagetopics import watch

        # the collaboration page anonymous visitors share (core.interfaces.pagecache)
        watch(self.get_models(), lambda instance: ("collaborations",))
