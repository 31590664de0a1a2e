from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "science4peace.catalog"
    label = "catalog"
    verbose_name = "Catalog of open research records"
