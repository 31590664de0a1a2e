from django.urls import path

from science4peace.core import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "institutions"
urlpatterns = [
    path("", views.institution_list, name="list"),
    path("pick/", views.pick, name="pick"),
    path("<id:pk>/", views.institution_detail, name="detail"),
    path("countries/", views.countries, name="countries"),
]
