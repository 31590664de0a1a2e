from django.urls import path

from science4peace.core import converters  # noqa: F401  (registers <id:...>)

from .views import (
    exports,
    fairness,
    imports,
    manage_event,
    messages,
    programme,
    public,
    questions,
    registrants,
    roles,
)

app_name = "events"
urlpatterns = [
    path("", public.event_list, name="list"),
    path("new/", manage_event.create, name="create"),
    path("import/indico/", imports.import_indico, name="import-indico"),
    path("my-agenda.ics", exports.my_agenda, name="my-agenda"),
    path("<id:pk>/", public.event_detail, name="detail"),
    path("<id:pk>/timetable/", public.timetable, name="timetable"),
    path("<id:pk>/register/", public.register, name="register"),
    path("<id:pk>/withdraw/", public.withdraw, name="withdraw"),
    path("<id:pk>/event.ics", exports.event_ics, name="ics"),
    path("<id:pk>/sessions/<id:session_id>.ics", exports.session_ics, name="session-ics"),
    path("<id:pk>/schedule.xml", exports.schedule_xml, name="schedule-xml"),
    path("<id:pk>/schedule.json", exports.schedule_json, name="schedule-json"),
    path("<id:pk>/join/<id:session_id>/", exports.join, name="join"),
    path("<id:pk>/certificate/<str:kind>.pdf", exports.certificate, name="certificate"),
    path("<id:pk>/manage/", manage_event.manage, name="manage"),
    path("<id:pk>/manage/roles/", roles.roles, name="roles"),
    path("<id:pk>/manage/messages/", messages.compose, name="messages"),
    path("<id:pk>/manage/messages/<id:message_id>/", messages.message_report, name="message"),
    path("<id:pk>/manage/roles/<id:user_id>/remove/", roles.remove_role, name="remove-role"),
    path("<id:pk>/manage/fair-timetable/", fairness.fair_timetable, name="fair-timetable"),
    path(
        "<id:pk>/manage/fair-timetable/apply/",
        fairness.apply_fair_timetable,
        name="apply-fair-timetable",
    ),
    path("<id:pk>/interests/", fairness.interests, name="interests"),
    path("<id:pk>/travel-avoided.svg", fairness.travel_chart, name="travel-chart"),
    path("<id:pk>/manage/tracks/", programme.add_track, name="add-track"),
    path("<id:pk>/manage/sessions/new/", programme.edit_session, name="new-session"),
    path("<id:pk>/manage/sessions/<id:session_id>/", programme.edit_session, name="edit-session"),
    path("<id:pk>/manage/contributions/new/", programme.edit_contribution, name="new-contribution"),
    path(
        "<id:pk>/manage/contributions/<id:contribution_id>/",
        programme.edit_contribution,
        name="edit-contribution",
    ),
    path("<id:pk>/manage/<str:what>/<id:item_id>/delete/", programme.delete, name="delete"),
    path(
        "<id:pk>/contributions/<id:contribution_id>/materials/",
        programme.materials,
        name="materials",
    ),
    path("<id:pk>/contributions/<id:contribution_id>/slides.pdf", exports.slides, name="slides"),
    path("<id:pk>/registrants/", registrants.registrants, name="registrants"),
    path("<id:pk>/registrants.csv", registrants.registrants_csv, name="registrants-csv"),
    path(
        "<id:pk>/registration-questions/",
        questions.registration_questions,
        name="registration-questions",
    ),
    path(
        "<id:pk>/registration-questions/<id:question_id>/remove/",
        questions.remove_registration_question,
        name="remove-registration-question",
    ),
    path("<id:pk>/applications/", registrants.applications, name="applications"),
    path("<id:pk>/applications/<str:code>/decide/", registrants.decide, name="decide"),
    path(
        "<id:pk>/applications/<str:code>/cv.pdf", registrants.application_cv, name="application-cv"
    ),
]
