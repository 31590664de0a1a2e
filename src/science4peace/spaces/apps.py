from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "science4peace.spaces"
    label = "spaces"
    verbose_name = "Spaces: announcements, discussions, messages"

    def ready(self) -> None:
        from .domain.notices import register_space_channels

        register_space_channels()
