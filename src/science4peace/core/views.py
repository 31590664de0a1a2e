from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from science4peace.institutions.domain import queries as institution_queries
from science4peace.people.domain import queries as people_queries


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "people_count": people_queries.count_people(),
        "institution_count": institution_queries.count_institutions(),
        "country_count": institution_queries.count_participating_countries(),
    }
    return render(request, "core/home.html", context)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
