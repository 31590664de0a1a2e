from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found

from science4peace.core.interfaces.redirects import safe_next


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 for a path no URL matches: under ``/api/`` the documented JSON error
    shape (``{"detail": ...}``), for example ``/api/institutions/abc`` (a non-numeric id);
    the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": f"No API endpoint at {request.path}."}, status=404)
    return page_not_found(request, exception)


@never_cache
@require_GET
def language(request: HttpRequest) -> HttpResponse:
    """The language switch: ``?language=uk&next=/events/3/``. A GET form, so the public pages
    carry no CSRF token and set no cookie until a visitor chooses; it keeps only the choice,
    as Django's own ``set_language`` does (the language cookie)."""
    code = request.GET.get("language", "")
    if code not in dict(settings.LANGUAGES):
        choices = ", ".join(dict(settings.LANGUAGES))
        message = _("Unknown language %(code)s; choose one of %(choices)s.") % {
            "code": code[:20],
            "choices": choices,
        }
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponseRedirect(safe_next(request, "/"))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
