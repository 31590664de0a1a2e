from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from science4peace.institutions.domain import queries as institution_queries
from science4peace.people.domain import queries as people_queries
from science4peace.portal.domain import queries


def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    context = {
        "people_count": people_queries.count_people(),
        "institution_count": institution_queries.count_institutions(),
        "country_count": institution_queries.count_participating_countries(),
        "overview": queries.overview(now),
        "dashboard": queries.dashboard(request.user, now),
    }
    return render(request, "portal/home.html", context)
