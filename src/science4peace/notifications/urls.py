from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.mark_read, name="read"),
    path("settings/", views.preference_page, name="preferences"),
    path("settings/channel/", views.channel_preference, name="channel"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feeds/<str:channel>.atom", views.feed, name="feed"),
]
