from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "science4peace.catalog"
    label = "catalog"
    verbose_name = "Catalog of open research records"

    def ready(self) -> None:
        # A record saved or deleted one by one (the admin) makes a new catalog version, so
        # that no search count cached for the old one is served; the import does the same.
        from django.db.models.signals import post_delete, post_save

        from science4peace.catalog.domain.queries import forget_search_counts
        from science4peace.catalog.models import Record

        post_save.connect(forget_search_counts, sender=Record, dispatch_uid="catalog-version")
        post_delete.connect(forget_search_counts, sender=Record, dispatch_uid="catalog-version")
