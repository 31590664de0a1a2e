from django.contrib import admin

from .models import Record


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ["recid", "title", "experiment", "type_primary", "year", "version"]
    list_filter = ["experiment", "type_primary"]
    search_fields = ["=recid", "title"]
    # the record as published and what is derived from it for search stay as imported
    readonly_fields = [
        "published",
        "digest",
        "version",
        "first_imported",
        "last_changed",
        "title_sort",
        "search_title",
        "search_tags",
        "search_document",
        "search_facets",
    ]
