from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "science4peace.institutions"
    label = "institutions"
    verbose_name = "Institutions"

    def ready(self) -> None:
        from science4peace.core.domain.pagetopics import watch

        # institutions are named on the collaboration and paper pages anonymous visitors share
        watch(self.get_models(), lambda instance: ("institutions",))
