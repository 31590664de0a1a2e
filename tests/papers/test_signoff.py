"""Authors sign off their own entry of a frozen list (issue 15, point 8): asked when the list
is frozen, they confirm or ask for a correction; the contact persons see who answered what,
remind the others and resolve requests."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from science4peace.core.models import AuditEntry
from science4peace.papers.domain import changes, signoffs
from science4peace.papers.models import Signoff
from science4peace.people.models import Person

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def paper(helix, mover, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return changes.do_create_paper(
            helix, actor=staff, title="Dark photons", reference_date=D(2023, 10, 1)
        )


@pytest.fixture
def coauthor(paper, staff, jinr):
    account = get_user_model().objects.create_user(username="yuri", email="yuri@example.org")
    person = Person.objects.create(user=account, given_name="Yuri", family_name="Petrov")
    changes.do_add_author(paper, actor=staff, person=person, institutions=[jinr], reason="joined")
    return account


def _statuses(paper) -> dict[str, str]:
    return {str(s.author): s.status for s in Signoff.objects.filter(author__paper=paper)}


def test_freezing_asks_each_author_with_an_account_to_check_their_entry(paper, user):
    (message,) = mail.outbox
    assert (message.to, message.subject) == (
        [user.email],
        "[Science4Peace] Please check your entry on Dark photons",
    )
    assert f"/papers/{paper.pk}/my-entry/" in message.body
    assert _statuses(paper) == {"Anna Ivanova": "pending"}


def test_an_author_confirms_and_another_asks_for_a_correction(
    client, paper, user, coauthor, staff, django_capture_on_commit_callbacks
):
    client.force_login(user)
    page = reverse("papers:my-entry", args=[paper.pk])
    entry = client.get(page).content.decode()
    assert ("Anna Ivanova" in entry, "Wuppertal U." in entry) == (True, True)
    client.post(page, {"decision": "confirm"})
    client.force_login(coauthor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page, {"decision": "correct", "message": "My name is printed Y. Petrov."})
    assert _statuses(paper) == {"Anna Ivanova": "confirmed", "Yuri Petrov": "correction"}
    assert [m.to for m in mail.outbox] == [[staff.email]]  # the contact person
    detail = client.get(reverse("papers:detail", args=[paper.pk])).content.decode()
    assert '<dd id="signoff-confirmed">Anna Ivanova</dd>' in detail
    assert '<dd id="signoff-correction">Yuri Petrov</dd>' in detail


def test_a_correction_without_a_message_is_refused_and_changes_nothing(client, paper, user):
    client.force_login(user)
    response = client.post(reverse("papers:my-entry", args=[paper.pk]), {"decision": "correct"})
    assert (response.status_code, _statuses(paper)) == (400, {"Anna Ivanova": "pending"})


def test_only_the_author_answers_for_their_entry(client, paper, coauthor, other_user):
    client.force_login(other_user)
    response = client.get(reverse("papers:my-entry", args=[paper.pk]))
    assert response.status_code == 404
    author = paper.authors.get(family_name="Ivanova")
    with pytest.raises(PermissionDenied):
        signoffs.do_answer(author, actor=coauthor, confirm=True)


def test_a_contact_person_resolves_a_request_and_the_author_is_asked_again(
    paper, user, coauthor, staff, django_capture_on_commit_callbacks
):
    author = paper.authors.get(family_name="Petrov")
    signoffs.do_answer(author, actor=coauthor, confirm=False, message="Add my ORCID iD.")
    signoff = Signoff.objects.get(author=author)
    with pytest.raises(PermissionDenied):
        signoffs.do_resolve(signoff, actor=user, resolution="done")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signoffs.do_resolve(signoff, actor=staff, resolution="Your ORCID iD is added.")
    signoff.refresh_from_db()
    assert (signoff.status, signoff.resolution, signoff.resolved_by) == (
        "pending",
        "Your ORCID iD is added.",
        staff,
    )
    assert [m.to for m in mail.outbox] == [[coauthor.email]]
    with pytest.raises(ValidationError):
        signoffs.do_resolve(signoff, actor=staff, resolution="again")


def test_reminders_go_to_those_who_have_not_answered_at_most_once_a_day(
    paper, user, coauthor, staff, django_capture_on_commit_callbacks
):
    signoffs.do_answer(paper.authors.get(family_name="Ivanova"), actor=user, confirm=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert signoffs.do_remind(paper, actor=staff) == 1
    assert [m.to for m in mail.outbox] == [[coauthor.email]]
    assert signoffs.do_remind(paper, actor=staff) == 0
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)
    assert signoffs.do_remind(paper, actor=staff, now=later) == 1
    assert AuditEntry.objects.filter(action="paper.signoff.remind").count() == 2


def test_the_api_answers_resolves_and_lists(client, paper, user, staff, auth_headers):
    url = f"/api/papers/{paper.pk}/signoff"
    bad = client.post(
        url, {"confirm": False}, content_type="application/json", headers=auth_headers
    )
    assert (bad.status_code, _statuses(paper)) == (400, {"Anna Ivanova": "pending"})
    asked = client.post(
        url,
        {"confirm": False, "message": "Wrong institute"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (asked.status_code, asked.json()["status"]) == (200, "correction")
    listed = client.get(f"/api/papers/{paper.pk}/signoffs").json()
    assert [(row["name"], row["status"]) for row in listed] == [("Anna Ivanova", "correction")]
    refused = client.post(f"/api/papers/{paper.pk}/signoffs/remind", headers=auth_headers)
    assert refused.status_code == 403
