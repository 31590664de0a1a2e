from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "science4peace.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)
        from .interfaces import pagewarm  # noqa: F401  (rebuilds public pages after changes)
