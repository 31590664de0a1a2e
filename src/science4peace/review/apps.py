import datetime as dt

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "science4peace.review"
    label = "review"
    verbose_name = "Calls for abstracts and review"

    def ready(self) -> None:
        from science4peace.core.sweep import register_cache

        # books/<sha of the source>.pdf: rebuilt from the source when asked again
        register_cache("books/", keep=dt.timedelta(days=7))
