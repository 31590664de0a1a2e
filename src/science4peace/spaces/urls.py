from django.urls import path

from science4peace.core import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "spaces"
urlpatterns = [
    path("", views.space_list, name="list"),
    path("open/<str:kind>/<id:owner_id>/", views.open_space, name="open"),
    path("<id:pk>/", views.space_detail, name="detail"),
    path("<id:pk>/announce/", views.announce, name="announce"),
    path("<id:pk>/threads/new/", views.new_thread, name="new-thread"),
    path("<id:pk>/members/pick/", views.pick_member, name="pick-member"),
    path("<id:pk>/threads/<id:thread_id>/", views.thread_detail, name="thread"),
    path("<id:pk>/threads/<id:thread_id>/lock/", views.lock_thread, name="lock"),
    path("<id:pk>/threads/<id:thread_id>/follow/", views.follow_thread, name="follow"),
    path("posts/<id:post_id>/edit/", views.edit_post, name="edit-post"),
    path("posts/<id:post_id>/hide/", views.hide_post, name="hide-post"),
    path("posts/<id:post_id>/report/", views.report_post, name="report-post"),
    path("posts/<id:post_id>/reports/", views.settle_reports, name="settle-reports"),
    path("<id:pk>/reports/", views.reports, name="reports"),
    path("attachments/<id:attachment_id>/", views.attachment, name="attachment"),
    path("messages/", views.conversations, name="conversations"),
    path("messages/settings/", views.message_settings, name="message-settings"),
    path("messages/<id:person_id>/", views.conversation, name="conversation"),
    path("people/<id:person_id>/block/", views.block, name="block"),
]
