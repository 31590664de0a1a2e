from django.urls import path

from science4peace.core import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "collaborations"
urlpatterns = [
    path("", views.collaboration_list, name="list"),
    path("pledge/", views.pledge, name="pledge"),
    path("new/", views.create, name="create"),
    path("<id:pk>/join/", views.join, name="join"),
    path("<id:pk>/join-requests/", views.join_queue, name="join-queue"),
    path(
        "<id:pk>/join-requests/<id:request_pk>/decision/",
        views.decide_join,
        name="decide-join",
    ),
    path("<id:pk>/administrators/", views.administrators, name="administrators"),
    path(
        "<id:pk>/administrators/<id:user_pk>/remove/",
        views.remove_administrator,
        name="remove-administrator",
    ),
    path("<id:pk>/", views.collaboration_detail, name="detail"),
    path("<id:pk>/members/", views.members, name="members"),
    path("<id:pk>/members/institutions/", views.pick_institution, name="pick-institution"),
    path("<id:pk>/members/<id:membership_pk>/end/", views.end_membership, name="end-membership"),
    path("<id:pk>/contributions/", views.contributions, name="contributions"),
    path(
        "<id:pk>/contributions/<id:contribution_pk>/decision/",
        views.decide_contribution,
        name="decide-contribution",
    ),
    path("<id:pk>/resources/", views.resources, name="resources"),
    path("<id:pk>/resources/<id:resource_pk>/", views.resource_detail, name="resource"),
    path("<id:pk>/resources/<id:resource_pk>/open/", views.resource_open, name="resource-open"),
    path("<id:pk>/manage/", views.manage, name="manage"),
    path("<id:pk>/funding/", views.funding, name="funding"),
]
