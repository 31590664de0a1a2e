from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from science4peace.institutions.domain import queries as institution_queries
from science4peace.people.domain import queries as people_queries


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "people_count": people_queries.count_people(),
        "institution_count": institution_queries.count_institutions(),
        "country_count": institution_queries.count_participating_countries(),
    }
    return render(request, "portal/home.html", context)
