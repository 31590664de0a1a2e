from django.contrib import admin

from .models import (
    Collaboration,
    MemberInstitution,
    Membership,
    Pledge,
    PledgeAcceptance,
    Resource,
    WorkContribution,
)


class MemberInstitutionInline(admin.TabularInline):
    model = MemberInstitution
    extra = 0
    autocomplete_fields = ["institution"]


@admin.register(Collaboration)
class CollaborationAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "completion"]
    filter_horizontal = ["administrators"]
    inlines = [MemberInstitutionInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "collaboration", "institution", "role", "start", "end"]
    list_filter = ["collaboration", "role"]
    raw_id_fields = ["person", "institution"]


@admin.register(WorkContribution)
class WorkContributionAdmin(admin.ModelAdmin):
    list_display = ["person", "collaboration", "kind", "description", "status"]
    list_filter = ["collaboration", "status", "kind"]
    raw_id_fields = ["person"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "collaboration", "kind", "sensitivity"]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["version", "published"]

    def has_change_permission(self, request, obj=None):
        return False  # a new text is a new version


@admin.register(PledgeAcceptance)
class PledgeAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["person", "pledge", "accepted"]
