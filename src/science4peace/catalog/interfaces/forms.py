from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.catalog.domain.queries import FACETS, MAX_PAGE, SORTS


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the catalog"), required=False, max_length=500)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("relevance", _("relevance")),
            ("date", _("date")),
            ("title", _("title")),
        ],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def filters(self, data: Any) -> dict[str, list[str]]:
        return {name: data.getlist(name) for name in FACETS if data.getlist(name)}

    def clean_sort(self) -> str:
        value: str = self.cleaned_data.get("sort") or "relevance"
        return value if value in SORTS else "relevance"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Record files"),
        help_text=_("CERN Open Data record files (JSON arrays), single records or API responses."),
    )
