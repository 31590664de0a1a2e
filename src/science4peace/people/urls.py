from django.urls import path

from science4peace.core import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("pick/", views.pick, name="pick"),
    path("<id:pk>/", views.person_detail, name="detail"),
    path("me/", views.me, name="me"),
    path("me/affiliations/", views.add_affiliation, name="add-affiliation"),
    path("me/affiliations/<id:pk>/remove/", views.remove_affiliation, name="remove-affiliation"),
    path("me/tokens/", views.api_tokens, name="tokens"),
    path("me/tokens/<id:pk>/revoke/", views.revoke_token, name="revoke-token"),
]
