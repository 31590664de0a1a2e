from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEntry, OutgoingMail


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Visible to administrators, changeable by nobody."""

    list_display = ["at", "actor_label", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor_label", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The outbox: what was sent, what waits for a retry, and what was given up (failed)."""

    list_display = ["created", "subject", "recipients", "status", "attempts", "next_attempt_at"]
    list_filter = ["status"]
    search_fields = ["subject", "recipients", "message_id"]
    date_hierarchy = "created"
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
