from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "science4peace.papers"
    label = "papers"
    verbose_name = "Papers"

    def ready(self) -> None:
        from science4peace.core.domain.pagetopics import watch

        from .domain.notices import register_paper_channel

        # the paper page anonymous visitors share (core.interfaces.pagecache)
        watch(self.get_models(), lambda instance: ("papers",))
        register_paper_channel()
