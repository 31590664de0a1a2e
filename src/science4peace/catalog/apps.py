from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "science4peace.catalog"
    label = "catalog"
    verbose_name = "Catalog of open research records"

    def ready(self) -> None:
        from science4peace.core.domain.pagetopics import watch

        from .models import Record

        # the search results anonymous visitors share; imports (bulk writes) call
        # ``changed("catalog")`` themselves, and watching only Record keeps their deletes fast
        watch([Record], lambda instance: ("catalog",))
