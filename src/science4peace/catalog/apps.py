from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "science4peace.catalog"
    label = "catalog"
    verbose_name = "Catalog of open research records"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from science4peace.catalog.domain.queries import forget_search_counts
        from science4peace.catalog.models import Record
        from science4peace.core.domain.pagetopics import watch

        # A record saved or deleted one by one (the admin) makes a new catalog version, so
        # that no search count cached for the old one is served; the import does the same.
        post_save.connect(forget_search_counts, sender=Record, dispatch_uid="catalog-version")
        post_delete.connect(forget_search_counts, sender=Record, dispatch_uid="catalog-version")
        # the search results anonymous visitors share; imports (bulk writes) call
        # ``changed("catalog")`` themselves, and watching only Record keeps their deletes fast
        watch([Record], lambda instance: ("catalog",))
