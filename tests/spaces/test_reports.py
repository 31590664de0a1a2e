"""The administrators' queue of reported posts: told, listed, settled by hiding or
dismissing, audited; pages and API through the funnel."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from science4peace.core.models import AuditEntry
from science4peace.notifications.models import Notification
from science4peace.spaces.domain import discussions, moderation, queries
from science4peace.spaces.models import Report
from tests.conftest import data_queries

from .conftest import auth, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(space_thread, space_colleague):
    post = space_thread.posts.get()
    moderation.do_report_post(post, actor=space_colleague, reason="off topic")
    return post


def test_queue_lists_reported_posts_most_reported_first_with_open_reasons(
    space, space_thread, space_member, space_colleague, space_admin, space_institute
):
    first = space_thread.posts.get()
    second = discussions.do_reply(space_thread, actor=space_colleague, body="Run 2")
    moderation.do_report_post(second, actor=space_member, reason="rude")
    moderation.do_report_post(first, actor=space_colleague, reason="spam")
    moderation.do_report_post(first, actor=space_admin, reason="duplicate")
    rows = [
        (p.pk, p.report_count, [r.reason for r in p.open_reports])
        for p in queries.reported_posts(space)
    ]
    assert rows == [(first.pk, 2, ["duplicate", "spam"]), (second.pk, 1, ["rude"])]
    assert queries.open_report_count(space) == 2


def test_report_tells_the_administrators_but_not_the_reporter(
    space, space_thread, space_colleague, space_admin, django_capture_on_commit_callbacks
):
    post = space_thread.posts.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.do_report_post(post, actor=space_colleague, reason="off topic")
    told = sorted(
        Notification.objects.filter(item__kind="spaces.report").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == [space_admin.pk]
    assert [m.to for m in mail.outbox] == [[space_admin.email]]


def test_hiding_settles_the_reports_and_reporting_again_opens_them(
    space, reported, space_admin, space_colleague
):
    moderation.do_hide_post(reported, actor=space_admin, reason="off topic here")
    assert list(Report.objects.values_list("outcome", "resolved_by")) == [
        ("hidden", space_admin.pk)
    ]
    assert list(queries.reported_posts(space)) == []
    moderation.do_report_post(reported, actor=space_colleague, reason="still there")
    assert list(Report.objects.values_list("outcome", "resolved_by")) == [("", None)]


def test_dismissing_closes_the_reports_keeps_the_post_and_is_audited(space, reported, space_admin):
    assert moderation.do_dismiss_reports(reported, actor=space_admin) == 1
    reported.refresh_from_db()
    assert (reported.hidden_at, queries.open_report_count(space)) == (None, 0)
    entry = AuditEntry.objects.get(action="space.reports.dismiss")
    assert (entry.before, entry.after) == ({"open_reports": 1}, {"open_reports": 0})


def test_dismissing_without_open_report_or_as_a_member_changes_nothing(
    space, space_thread, reported, space_admin, space_member
):
    with pytest.raises(ValidationError):
        moderation.do_dismiss_reports(reported, actor=space_member)
    assert queries.open_report_count(space) == 1
    moderation.do_dismiss_reports(reported, actor=space_admin)
    with pytest.raises(ValidationError, match="no open report"):
        moderation.do_dismiss_reports(reported, actor=space_admin)
    assert AuditEntry.objects.filter(action="space.reports.dismiss").count() == 1


def test_queue_page_shows_reports_to_administrators_only(
    client, space, reported, space_admin, space_member, space_outsider
):
    url = reverse("spaces:reports", args=[space.pk])
    client.force_login(space_admin)
    page = client.get(url)
    assert (page.status_code, "off topic" in page.content.decode()) == (200, True)
    detail = client.get(reverse("spaces:detail", args=[space.pk])).content.decode()
    assert f'href="{url}"' in detail
    assert '<span class="badge">1</span>' in detail
    client.force_login(space_member)
    assert client.get(url).status_code == 403
    assert (
        f'href="{url}"'
        not in client.get(reverse("spaces:detail", args=[space.pk])).content.decode()
    )
    client.force_login(space_outsider)
    assert client.get(url).status_code == 404


def test_queue_page_takes_the_same_queries_for_one_and_three_reported_posts(
    client, space, space_thread, reported, space_admin, space_member, space_colleague
):
    client.force_login(space_admin)
    url = reverse("spaces:reports", args=[space.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(data_queries(captured))

    one = count()
    for body in ["a", "b"]:
        post = discussions.do_reply(space_thread, actor=space_member, body=body)
        moderation.do_report_post(post, actor=space_colleague, reason="spam")
        moderation.do_report_post(post, actor=space_admin, reason="spam too")
    assert count() == one


@pytest.mark.parametrize(
    ("action", "reason", "outcome", "hidden"),
    [("hide", "not about physics", "hidden", True), ("dismiss", "", "dismissed", False)],
)
def test_settle_form_hides_or_dismisses_and_returns_to_the_queue(
    client, space, reported, space_admin, action, reason, outcome, hidden
):
    client.force_login(space_admin)
    response = client.post(
        reverse("spaces:settle-reports", args=[reported.pk]), {"action": action, "reason": reason}
    )
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("spaces:reports", args=[space.pk]),
    )
    reported.refresh_from_db()
    assert (Report.objects.get().outcome, reported.hidden_at is not None) == (outcome, hidden)


def test_settle_form_refuses_hiding_without_a_reason(client, space, reported, space_admin):
    client.force_login(space_admin)
    response = client.post(
        reverse("spaces:settle-reports", args=[reported.pk]),
        {"action": "hide", "reason": " "},
        follow=True,
    )
    assert "Give the reason its author will see." in response.content.decode()
    assert Report.objects.get().outcome == ""


def test_settle_form_is_refused_to_members(client, reported, space_member):
    client.force_login(space_member)
    url = reverse("spaces:settle-reports", args=[reported.pk])
    assert client.post(url, {"action": "dismiss"}).status_code == 403
    assert Report.objects.get().outcome == ""


def test_api_lists_and_dismisses_reports_for_administrators(
    client, space, reported, space_admin, space_member
):
    url = f"/api/spaces/{space.pk}/reports"
    listed = client.get(url, headers=auth(space_admin)).json()["items"]
    assert [(r["id"], r["report_count"], [x["reason"] for x in r["reports"]]) for r in listed] == [
        (reported.pk, 1, ["off topic"])
    ]
    assert client.get(url, headers=auth(space_member)).status_code == 403
    dismiss = f"/api/posts/{reported.pk}/reports/dismiss"
    assert client.post(dismiss, headers=auth(space_member)).status_code == 403
    answer = client.post(dismiss, headers=auth(space_admin))
    assert (answer.status_code, answer.json()) == (200, {"dismissed": 1})
    again = client.post(dismiss, headers=auth(space_admin))
    assert again.status_code == 400


def test_api_hides_queue_of_a_space_to_outsiders(client, space, reported):
    outsider = make_user("Eve")
    assert client.get(f"/api/spaces/{space.pk}/reports", headers=auth(outsider)).status_code == 404
