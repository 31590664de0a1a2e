from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from science4peace.api import api
from science4peace.core import views as core_views
from science4peace.portal import views as portal_views

admin.site.site_header = "Science4Peace administration"

urlpatterns = [
    path(
        "",
        include(
            (
                [
                    path("", portal_views.home, name="home"),
                    path("healthz", core_views.healthz, name="healthz"),
                    path("i18n/language/", core_views.language, name="language"),
                ],
                "core",
            )
        ),
    ),
    path("people/", include("science4peace.people.urls")),
    path("institutions/", include("science4peace.institutions.urls")),
    path("collaborations/", include("science4peace.collaborations.urls")),
    path("papers/", include("science4peace.papers.urls")),
    path("events/", include("science4peace.events.urls")),
    path("catalog/", include("science4peace.catalog.urls")),
    path("projects/", include("science4peace.projects.urls")),
    path("spaces/", include("science4peace.spaces.urls")),
    path("notifications/", include("science4peace.notifications.urls")),
    path("review/", include("science4peace.review.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = core_views.not_found
