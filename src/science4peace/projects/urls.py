from django.urls import path

from science4peace.core import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("feed.atom", views.feed, name="feed"),
    path("new/", views.create, name="create"),
    path("my-interests/", views.interests, name="interests"),
    path("<id:pk>/", views.project_detail, name="detail"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/join/", views.join, name="join"),
    path("<id:pk>/leave/", views.leave, name="leave"),
    path("<id:pk>/members/<id:person_id>/decide/", views.decide, name="decide"),
    path("<id:pk>/members/<id:person_id>/lead/", views.make_lead, name="make-lead"),
    path("<id:pk>/papers/new/", views.start_paper, name="start-paper"),
]
