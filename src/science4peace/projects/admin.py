from django.contrib import admin

from .models import Project, ProjectMember


class MemberInline(admin.TabularInline):
    model = ProjectMember
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "open_for_members", "created"]
    list_filter = ["kind", "status", "open_for_members"]
    raw_id_fields = ["records"]
    inlines = [MemberInline]
