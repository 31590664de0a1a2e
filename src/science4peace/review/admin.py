from django.contrib import admin

from .models import Assignment, Call, ConflictRuling, Question, Submission


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["event", "opens", "closes", "blindness"]
    raw_id_fields = ["event"]
    inlines = [QuestionInline]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "status", "decision", "created"]
    list_filter = ["status", "decision"]
    raw_id_fields = ["call", "submitter", "track", "contribution"]


@admin.register(ConflictRuling)
class ConflictRulingAdmin(admin.ModelAdmin):
    list_display = ["submission", "reviewer", "kind", "created"]
    raw_id_fields = ["submission", "reviewer"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["submission", "reviewer", "by_hand", "created"]
    raw_id_fields = ["submission", "reviewer"]
