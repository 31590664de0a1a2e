from django.contrib import admin

from .models import (
    Contribution,
    ContributionSpeaker,
    Event,
    EventRole,
    Registration,
    Session,
    Track,
)


class RoleInline(admin.TabularInline):
    model = EventRole
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start_date", "end_date", "timezone", "visibility"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title"]
    inlines = [RoleInline]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "position"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "track", "start", "end", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["event", "track"]


class SpeakerInline(admin.TabularInline):
    model = ContributionSpeaker
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "session", "start", "duration", "kind"]
    raw_id_fields = ["event", "session", "track"]
    inlines = [SpeakerInline]
    search_fields = ["title"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "status", "queued_at"]
    list_filter = ["status"]
    raw_id_fields = ["event", "user"]
