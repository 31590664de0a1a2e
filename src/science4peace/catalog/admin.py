from django.contrib import admin

from .models import Record


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ["recid", "title", "experiment", "type_primary", "year", "version"]
    list_filter = ["experiment", "type_primary"]
    search_fields = ["=recid", "title"]
    readonly_fields = ["published", "digest", "version", "first_imported", "last_changed"]
