from django.contrib import admin

from .models import Digest, Item, Notification


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["kind", "channel", "created"]
    list_filter = ["kind"]
    search_fields = ["channel"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["item", "recipient", "read_at", "pending"]
    raw_id_fields = ["item", "recipient", "mail"]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["recipient", "frequency", "created", "count"]
    raw_id_fields = ["recipient", "mail"]
