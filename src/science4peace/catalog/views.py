"""Catalog pages: search (with its htmx fragment), record, import for administrators."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from science4peace.catalog.domain import queries
from science4peace.catalog.domain.access import access_import, access_record
from science4peace.catalog.domain.imports import do_import_records
from science4peace.catalog.interfaces import citation
from science4peace.catalog.interfaces.forms import ImportForm, SearchForm
from science4peace.catalog.models import Record
from science4peace.core.interfaces.pagecache import public_page
from science4peace.core.uploads import check_upload

FACET_LABELS = {
    "experiment": gettext_lazy("Experiment"),
    "type": gettext_lazy("Type"),
    "year": gettext_lazy("Year"),
    "energy": gettext_lazy("Collision energy"),
    "collision": gettext_lazy("Collision type"),
    "format": gettext_lazy("File format"),
    "availability": gettext_lazy("Availability"),
}


def _link(q: str, filters: dict[str, tuple[str, ...]], sort: str, **change: object) -> str:
    from urllib.parse import urlencode

    pairs: list[tuple[str, object]] = [("q", q)] if q else []
    for name, values in filters.items():
        pairs.extend((name, v) for v in values)
    if sort != "relevance":
        pairs.append(("sort", sort))
    for key, value in change.items():
        pairs.append((key, value))
    return "?" + urlencode(pairs)


@public_page(lambda: ("catalog",))
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    q, sort, page = data.get("q") or "", data.get("sort") or "relevance", data.get("page") or 1
    error = "" if valid else "; ".join(e for errors in form.errors.values() for e in errors)
    result = None
    if valid:
        try:
            result = queries.search_records(
                q=q, filters=form.filters(request.GET), sort=sort, page=page
            )
        except queries.SearchError as exc:
            error = str(exc)
    facets = []
    if result is not None:
        for name, values in result.facets.items():
            rows = []
            for v in values:
                chosen = result.filters.get(name, ())
                toggled = {**result.filters}
                toggled[name] = (
                    tuple(x for x in chosen if x != v.value) if v.selected else (*chosen, v.value)
                )
                rows.append((v, _link(q, {k: t for k, t in toggled.items() if t}, sort)))
            facets.append((name, FACET_LABELS[name], rows))
    context = {
        "form": form,
        "q": q,
        "sort": sort,
        "result": result,
        "facets": facets,
        "error": error,
        "sorts": [
            (s, label, _link(q, result.filters if result else {}, s))
            for s, label in form.fields["sort"].choices
        ],
        "previous": _link(q, result.filters, sort, page=page - 1) if result and page > 1 else "",
        "next": _link(q, result.filters, sort, page=page + 1)
        if result and page < result.pages
        else "",
    }
    template = "catalog/search.html#results" if request.htmx else "catalog/search.html"
    return render(request, template, context, status=400 if error else 200)


def record_page(request: HttpRequest, recid: int) -> HttpResponse:
    record = access_record(request.user, recid)
    detail = queries.record_detail(record)
    url = request.build_absolute_uri(reverse("catalog:record", args=[record.recid]))
    context = {
        "record": record,
        "detail": detail,
        "commands": citation.client_commands(record),
        "bibtex": citation.bibtex(record),
        "datacite": citation.script_json(citation.datacite(record)),
        "json_ld": mark_safe(  # noqa: S308  (JSON with <, > and & escaped)
            citation.script_json(citation.json_ld(record, files=detail.files, url=url))
        ),
        "portal_url": citation.portal_url(record),
        "files": [(f, citation.http_uri(f.uri)) for f in detail.files],
    }
    return render(request, "catalog/record.html", context)


def import_records(request: HttpRequest) -> HttpResponse:
    access_import(request.user)
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                for upload in form.cleaned_data["files"]:
                    check_upload(upload, "files")
            except Exception as exc:
                form.add_error(None, exc)  # type: ignore[arg-type]
        if form.is_valid():
            report = do_import_records(
                sources=((u.name, u.read()) for u in form.cleaned_data["files"]),
                actor=request.user,
            )
            status = 400 if report.errors else 200
        else:
            status = 400
    return render(request, "catalog/import.html", {"form": form, "report": report}, status=status)


class NewRecordsFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("New catalog records")

    def subtitle(self) -> str:
        return _("Open research records recently added to the catalog")

    def link(self) -> str:
        return reverse("catalog:search")

    def items(self) -> list[Record]:
        return queries.new_records()

    def item_title(self, item: Record) -> str:
        return item.title

    def item_description(self, item: Record) -> str:
        return item.abstract[:1000]

    def item_link(self, item: Record) -> str:
        return reverse("catalog:record", args=[item.recid])

    def item_pubdate(self, item: Record) -> object:
        return item.first_imported

    def item_categories(self, item: Record) -> list[str]:
        return [x for x in [*item.experiments, item.type_primary] if x]
