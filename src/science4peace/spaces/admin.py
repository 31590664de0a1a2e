from django.contrib import admin

from .models import Announcement, Report, Space, Thread


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["title", "visibility", "created"]
    raw_id_fields = ["collaboration", "project", "event", "paper"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "space", "pinned", "created"]
    raw_id_fields = ["space", "author"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "space", "locked", "reply_count", "last_activity"]
    raw_id_fields = ["space", "author"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reporter", "reason", "created"]
    raw_id_fields = ["post", "reporter"]
