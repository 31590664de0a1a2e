from django.urls import path

from science4peace.core import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.search, name="search"),
    path("record/<id:recid>/", views.record_page, name="record"),
    path("import/", views.import_records, name="import"),
    path("feed/", views.NewRecordsFeed(), name="feed"),
]
