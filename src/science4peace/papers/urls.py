from django.urls import path

from science4peace.core import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "papers"
urlpatterns = [
    path("", views.paper_list, name="list"),
    path("new/", views.create, name="create"),
    path("audit/", views.audit_upload, name="audit"),
    path("<id:pk>/", views.paper_detail, name="detail"),
    path("<id:pk>/authors.<str:fmt>", views.download, name="download"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/authors/pick/", views.pick_author, name="pick-author"),
    path("<id:pk>/authors/add/", views.add_author, name="add-author"),
    path("<id:pk>/authors/change/", views.change_author, name="change-author"),
    path("<id:pk>/policy/", views.change_policy, name="policy"),
    path("<id:pk>/drafts/", views.draft_list, name="drafts"),
    path("<id:pk>/drafts/<id:version>.pdf", views.draft_download, name="draft-pdf"),
    path("<id:pk>/my-entry/", views.my_entry, name="my-entry"),
    path("<id:pk>/signoffs/", views.signoff_list, name="signoffs"),
    path("<id:pk>/signoffs/remind/", views.remind, name="remind"),
    path("<id:pk>/signoffs/<id:author_id>/resolve/", views.resolve, name="resolve"),
]
