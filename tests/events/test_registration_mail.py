"""Registration mails go through the outbox (issue 12, defect 7): the page and the API write
exactly the same mail, in the transaction of the registration."""

import pytest
from django.core import mail
from django.urls import reverse

from science4peace.core.models import OutgoingMail
from science4peace.events.models import Registration

from .conftest import make_users

Status = OutgoingMail.Status
pytestmark = pytest.mark.django_db


def test_registration_through_the_page_writes_exactly_one_mail(
    logged_in, user, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(reverse("events:register", args=[conference.pk]), {"consent": "on"})
    (row,) = OutgoingMail.objects.all()
    assert (row.recipients, row.status, [m.to for m in mail.outbox]) == (
        user.email,
        Status.SENT,
        [[user.email]],
    )


def test_registration_through_the_api_writes_exactly_one_mail(
    client, user, auth_headers, conference, django_capture_on_commit_callbacks
):
    url = f"/api/events/{conference.pk}/registration"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"consent": True}, content_type="application/json", headers=auth_headers
        )
    assert response.status_code == 201
    (row,) = OutgoingMail.objects.all()
    assert (row.recipients, row.subject) == (
        user.email,
        "[Science4Peace] Registered: Online Conference on Open Data",
    )


def test_withdrawal_through_the_api_tells_the_promoted_person(
    client, user, auth_headers, conference, django_capture_on_commit_callbacks
):
    conference.capacity = 1
    conference.save()
    url = f"/api/events/{conference.pk}/registration"
    client.post(url, {"consent": True}, content_type="application/json", headers=auth_headers)
    (waiting,) = make_users(1, "w")
    client.force_login(waiting)
    client.post(reverse("events:register", args=[conference.pk]), {"consent": "on"})
    client.logout()
    assert Registration.objects.get(user=waiting).status == Registration.Status.WAITING
    OutgoingMail.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.delete(url, headers=auth_headers)
    (row,) = OutgoingMail.objects.all()
    (message,) = mail.outbox
    assert (row.recipients, message.to) == (waiting.email, [waiting.email])
    assert "A place has become free and it is yours" in message.body
