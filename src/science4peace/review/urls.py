from django.urls import path

from science4peace.core import converters  # noqa: F401  (registers <id:...>)

from . import views, views_schools

app_name = "review"
urlpatterns = [
    path("events/<id:event_id>/call/", views.call_page, name="call"),
    path("events/<id:event_id>/call/edit/", views.edit_call, name="edit-call"),
    path("events/<id:event_id>/call/questions/", views.add_question, name="add-question"),
    path(
        "events/<id:event_id>/call/questions/<id:question_id>/remove/",
        views.remove_question,
        name="remove-question",
    ),
    path("events/<id:event_id>/call/book.tex", views.book_tex, name="book-tex"),
    path("events/<id:event_id>/call/book.pdf", views.book_pdf, name="book-pdf"),
    path("events/<id:event_id>/call/audit/", views.audit_page, name="audit"),
    path("events/<id:event_id>/submit/", views.new_submission, name="submit"),
    path("submissions/<id:pk>/", views.submission_page, name="submission"),
    path("submissions/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("events/<id:event_id>/committee/", views.committee_page, name="committee"),
    path("events/<id:event_id>/committee/<str:code>/bid/", views.bid, name="bid"),
    path("events/<id:event_id>/committee/<str:code>/conflict/", views.declare, name="declare"),
    path("events/<id:event_id>/committee/<str:code>/review/", views.review_page, name="review"),
    path(
        "events/<id:event_id>/committee/<str:code>/discussion/",
        views.discussion_page,
        name="discussion",
    ),
    path("events/<id:event_id>/committee/<str:code>/abstract.pdf", views.review_pdf, name="pdf"),
    path("events/<id:event_id>/manage/", views.manage, name="manage"),
    path("events/<id:event_id>/manage/assign/", views.assign, name="assign"),
    path("events/<id:event_id>/manage/pair/", views.pair, name="pair"),
    path("events/<id:event_id>/manage/conflict/", views.ruling, name="ruling"),
    path("events/<id:event_id>/manage/decide/", views.decide, name="decide"),
]
urlpatterns += [
    path("events/<id:event_id>/school/", views_schools.school_page, name="school"),
    path(
        "events/<id:event_id>/school/questions/",
        views_schools.add_follow_up_question,
        name="add-follow-up-question",
    ),
    path(
        "events/<id:event_id>/school/questions/<id:question_id>/remove/",
        views_schools.remove_follow_up_question,
        name="remove-follow-up-question",
    ),
    path("events/<id:event_id>/school/offer/", views_schools.offer_places, name="offer-places"),
    path("offers/<id:pk>/", views_schools.offer_page, name="offer"),
]
