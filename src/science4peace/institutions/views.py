from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from science4peace.core.interfaces.pickers import matches_page
from science4peace.institutions.domain import queries
from science4peace.institutions.domain.access import access_institution
from science4peace.institutions.interfaces.forms import InstitutionFilterForm
from science4peace.institutions.interfaces.pickers import institution_label, search_institutions
from science4peace.institutions.models import Institution
from science4peace.people.domain import queries as people_queries

PAGE_SIZE = 50


def institution_list(request: HttpRequest) -> HttpResponse:
    form = InstitutionFilterForm(request.GET)
    valid = form.is_valid()
    filters = form.cleaned_data if valid else {"q": "", "country": "", "kind": ""}
    q, country, kind = filters["q"].strip(), filters["country"].strip(), filters["kind"]
    institutions = queries.list_institutions(q=q, country=country, kind=kind)
    page = Paginator(institutions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "country": country.upper(),
        "kind": kind,
        "kinds": Institution.Kind.choices,
        "countries": queries.participating_countries(),
        "form": form,
    }
    template = "institutions/list.html#results" if request.htmx else "institutions/list.html"
    return render(request, template, context, status=200 if valid else 400)


def pick(request: HttpRequest) -> HttpResponse:
    """The matches of an institution picker (``institutions.interfaces.pickers``)."""
    return matches_page(request, search=search_institutions, describe=institution_label)


def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    institution = access_institution(request.user, pk)
    people = people_queries.list_people(institution=institution.pk)
    return render(
        request, "institutions/detail.html", {"institution": institution, "people": people}
    )


def countries(request: HttpRequest) -> HttpResponse:
    return render(
        request, "institutions/countries.html", {"by_country": queries.institutions_by_country()}
    )
