from django.contrib import admin

from .models import Country, Institution, InstitutionCode


class CodeInline(admin.TabularInline):
    model = InstitutionCode
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "ror"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "ror", "codes__icn"]
    autocomplete_fields = ["parent"]
    inlines = [CodeInline]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "un_status"]
    list_filter = ["un_status"]
    search_fields = ["name", "code"]
