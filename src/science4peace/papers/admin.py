from django.contrib import admin

from .models import AuthorListChange, Paper


class ChangeInline(admin.TabularInline):
    model = AuthorListChange
    extra = 0
    readonly_fields = ["action", "subject", "reason", "actor", "at"]
    can_delete = False


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    list_display = ["title", "collaboration", "reference_date", "policy"]
    inlines = [ChangeInline]
