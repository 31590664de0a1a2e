"""The event's Roles page: organisers give, change and take roles; never the last organiser."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from science4peace.core.models import AuditEntry
from science4peace.events import rules
from science4peace.events.domain import queries
from science4peace.events.domain.changes import do_set_role
from science4peace.events.models import EventRole

from .conftest import make_users


def roles_of(event):
    return [(r.user.username, r.role) for r in queries.list_roles(event)]


def test_organiser_gives_a_reviewer_role_on_the_roles_page(client, conference, organiser):
    (reviewer,) = make_users(1, "rev")
    client.force_login(organiser)
    response = client.post(
        reverse("events:roles", args=[conference.pk]),
        {"email": "REV0@example.org", "role": "reviewer"},
    )
    assert response["Location"] == reverse("events:roles", args=[conference.pk])
    assert roles_of(conference) == [("olga", "organiser"), ("rev0", "reviewer")]
    assert rules.can_review(reviewer, conference) is True
    assert rules.can_manage(reviewer, conference) is False
    assert AuditEntry.objects.filter(action="event.role").count() == 1


def test_roles_are_listed_organisers_first(conference, organiser):
    viewer, committee = make_users(2)
    do_set_role(conference, actor=organiser, user=viewer, role="viewer")
    do_set_role(conference, actor=organiser, user=committee, role="committee")
    assert roles_of(conference) == [("olga", "organiser"), ("p1", "committee"), ("p0", "viewer")]


def test_the_last_organiser_keeps_the_role(conference, organiser):
    with pytest.raises(ValidationError) as error:
        do_set_role(conference, actor=organiser, user=organiser, role="reviewer")
    assert error.value.messages == ["An event must keep at least one organiser."]
    with pytest.raises(ValidationError):
        do_set_role(conference, actor=organiser, user=organiser, role=None)
    assert roles_of(conference) == [("olga", "organiser")]


def test_an_organiser_may_step_down_when_another_remains(conference, organiser):
    (second,) = make_users(1, "org")
    do_set_role(conference, actor=organiser, user=second, role="organiser")
    do_set_role(conference, actor=organiser, user=organiser, role=None)
    assert roles_of(conference) == [("org0", "organiser")]


def test_taking_a_role_asks_first(client, conference, organiser):
    (reviewer,) = make_users(1, "rev")
    do_set_role(conference, actor=organiser, user=reviewer, role="reviewer")
    client.force_login(organiser)
    url = reverse("events:remove-role", args=[conference.pk, reviewer.pk])
    page = client.get(url)
    assert (page.status_code, b"Are you sure?" in page.content) == (200, True)
    assert roles_of(conference) == [("olga", "organiser"), ("rev0", "reviewer")]
    client.post(url)
    assert roles_of(conference) == [("olga", "organiser")]


def test_taking_the_last_organisers_role_on_the_page_changes_nothing(client, conference, organiser):
    client.force_login(organiser)
    response = client.post(
        reverse("events:remove-role", args=[conference.pk, organiser.pk]), follow=True
    )
    assert "An event must keep at least one organiser." in response.content.decode()
    assert roles_of(conference) == [("olga", "organiser")]


def test_others_cannot_give_roles(client, conference):
    (stranger,) = make_users(1, "x")
    with pytest.raises(PermissionDenied):
        do_set_role(conference, actor=stranger, user=stranger, role="organiser")
    client.force_login(stranger)
    response = client.post(
        reverse("events:roles", args=[conference.pk]),
        {"email": "x0@example.org", "role": "organiser"},
    )
    assert (response.status_code, roles_of(conference)) == (403, [("olga", "organiser")])


def test_unknown_address_and_role_are_form_errors(client, conference, organiser):
    client.force_login(organiser)
    url = reverse("events:roles", args=[conference.pk])
    response = client.post(url, {"email": "nobody@example.org", "role": "reviewer"})
    assert response.context["form"].errors == {
        "email": ["No account has the e-mail address nobody@example.org."]
    }
    response = client.post(url, {"email": "olga@example.org", "role": "king"})
    assert list(response.context["form"].errors) == ["role"]
    assert roles_of(conference) == [("olga", "organiser")]


def test_reviewer_is_a_role_of_the_model():
    assert EventRole.Role.REVIEWER.label == "reviewer"
