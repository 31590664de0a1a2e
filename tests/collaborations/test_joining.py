"""Self-service: asking to join, the administrators' queue and decision, the e-mail, creating
a collaboration and managing its administrators — through the domain, the pages and the API."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from science4peace.collaborations.domain import joining, queries
from science4peace.collaborations.domain.changes import do_submit_work_contribution
from science4peace.collaborations.interfaces.mail import join_notifier
from science4peace.collaborations.models import Collaboration, JoinRequest, Membership
from science4peace.core.models import AuditEntry
from science4peace.people.models import Person
from tests.snapshot import assert_snapshot, mail_text

D = dt.date


@pytest.fixture
def asker(user):
    return Person.objects.create(user=user, given_name="Anna", family_name="Ivanova")


def ask(helix, user, institution, message="I built the ECAL", language="en"):
    return joining.do_ask_to_join(
        helix, actor=user, institution=institution, message=message, language=language
    )


def test_asking_to_join_waits_for_the_administrators(helix, user, asker, jinr, staff):
    request = ask(helix, user, jinr)
    assert list(queries.list_join_queue(helix, actor=staff)) == [request]
    assert (request.status, request.person, request.institution) == ("pending", asker, jinr)
    assert AuditEntry.objects.filter(action="join.ask").count() == 1


def test_asking_twice_returns_the_waiting_request(helix, user, asker, jinr, cern):
    first = ask(helix, user, jinr)
    assert ask(helix, user, cern, message="again") == first
    assert JoinRequest.objects.count() == 1


def test_a_current_member_cannot_ask_to_join(helix, user, mover, jinr):
    with pytest.raises(ValidationError) as error:
        ask(helix, user, jinr)
    assert error.value.messages == ["You are already a member of HELIX."]


def test_the_queue_is_empty_for_others(helix, user, asker, jinr, other_user):
    ask(helix, user, jinr)
    assert list(queries.list_join_queue(helix, actor=other_user)) == []
    assert list(queries.list_join_queue(helix, actor=user)) == []


def test_accepting_creates_the_membership_from_the_confirmed_date(
    helix, user, asker, jinr, staff, django_capture_on_commit_callbacks
):
    request = ask(helix, user, jinr)
    with django_capture_on_commit_callbacks(execute=True):
        decided = joining.do_decide_join_request(
            request,
            actor=staff,
            accept=True,
            start=D(2026, 1, 1),
            notify=join_notifier("https://s4p.example.org/"),
        )
    membership = Membership.objects.get(person=asker)
    assert (decided.status, decided.membership, membership.start, membership.institution) == (
        "accepted",
        membership,
        D(2026, 1, 1),
        jinr,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ada@example.org"], "[Science4Peace] Welcome to HELIX")
    ]
    assert "https://s4p.example.org/collaborations/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="join.accept").count() == 1


def test_declining_tells_the_person_in_their_language(
    helix, user, asker, jinr, staff, django_capture_on_commit_callbacks
):
    request = ask(helix, user, jinr, language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        joining.do_decide_join_request(
            request, actor=staff, accept=False, notify=join_notifier("https://s4p.example.org/")
        )
    assert Membership.objects.filter(person=asker).count() == 0
    assert mail.outbox[0].subject == "[Science4Peace] Ваш запрос на вступление в HELIX"
    assert mail.outbox[0].body.startswith("Ваш запрос на вступление в HELIX отклонён.")


def test_no_mail_before_the_decision_commits(
    helix, user, asker, jinr, staff, django_capture_on_commit_callbacks
):
    request = ask(helix, user, jinr)
    with django_capture_on_commit_callbacks(execute=True):
        joining.do_decide_join_request(
            request, actor=staff, accept=True, notify=join_notifier("https://x.example/")
        )
        assert mail.outbox == []
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_a_request_is_decided_once(helix, user, asker, jinr, staff):
    request = ask(helix, user, jinr)
    joining.do_decide_join_request(request, actor=staff, accept=False)
    with pytest.raises(ValidationError) as error:
        joining.do_decide_join_request(request, actor=staff, accept=True)
    assert error.value.messages == ["This request has already been decided."]
    assert Membership.objects.count() == 0


def test_only_administrators_decide(helix, user, asker, jinr, other_user):
    request = ask(helix, user, jinr)
    with pytest.raises(PermissionDenied):
        joining.do_decide_join_request(request, actor=user, accept=True)
    request.refresh_from_db()
    assert request.status == "pending"


def test_contribution_without_membership_says_to_ask_to_join(helix, user, asker):
    with pytest.raises(ValidationError) as error:
        do_submit_work_contribution(
            helix, actor=user, kind="software", description="code", start=D(2026, 2, 1)
        )
    assert error.value.messages == [
        "You need a membership of HELIX first: ask to join it, and record your contribution "
        "once an administrator has accepted you."
    ]


# --- pages ---------------------------------------------------------------------------------


def test_contribution_page_links_to_ask_to_join(logged_in, helix, asker):
    page = logged_in.get(reverse("collaborations:contributions", args=[helix.pk])).content
    join_url = reverse("collaborations:join", args=[helix.pk])
    assert f'<a href="{join_url}">Ask to join</a>'.encode() in page
    assert b"Submit for confirmation" not in page


def test_join_page_sends_a_request(logged_in, helix, asker, jinr):
    response = logged_in.post(
        reverse("collaborations:join", args=[helix.pk]),
        {"institution": jinr.pk, "message": "Calorimeter software"},
    )
    assert response["Location"] == reverse("collaborations:detail", args=[helix.pk])
    assert list(JoinRequest.objects.values_list("message", "status")) == [
        ("Calorimeter software", "pending")
    ]


def test_join_page_without_institution_is_a_form_error(logged_in, helix, asker):
    response = logged_in.post(reverse("collaborations:join", args=[helix.pk]), {"message": "x"})
    assert (response.status_code, JoinRequest.objects.count()) == (400, 0)
    assert response.context["form"].errors == {"institution": ["This field is required."]}


def test_queue_page_accepts_with_a_date(client, helix, user, asker, jinr, staff):
    request = ask(helix, user, jinr)
    client.force_login(staff)
    queue = client.get(reverse("collaborations:join-queue", args=[helix.pk]))
    assert list(queue.context["rows"]) == [request]
    client.post(
        reverse("collaborations:decide-join", args=[helix.pk, request.pk]),
        {"decision": "accept", "start": "2026-03-01"},
    )
    assert list(Membership.objects.values_list("person", "start")) == [(asker.pk, D(2026, 3, 1))]


def test_queue_page_refuses_non_administrators(logged_in, helix):
    response = logged_in.get(reverse("collaborations:join-queue", args=[helix.pk]))
    assert response.status_code == 403


def test_queue_page_with_a_bad_date_changes_nothing(client, helix, user, asker, jinr, staff):
    request = ask(helix, user, jinr)
    client.force_login(staff)
    client.post(
        reverse("collaborations:decide-join", args=[helix.pk, request.pk]),
        {"decision": "accept", "start": "2026-13-45"},
    )
    request.refresh_from_db()
    assert (request.status, Membership.objects.count()) == ("pending", 0)


# --- API -----------------------------------------------------------------------------------


def test_api_ask_list_and_decide(client, helix, user, asker, jinr, staff, auth_headers):
    url = f"/api/collaborations/{helix.pk}/join-requests"
    asked = client.post(
        url,
        {"institution": jinr.pk, "message": "hello"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (asked.status_code, asked.json()["status"]) == (201, "pending")
    mine = client.get("/api/join-requests/mine", headers=auth_headers).json()
    assert [(r["collaboration"], r["institution"]) for r in mine] == [(helix.pk, jinr.pk)]
    assert client.get(url, headers=auth_headers).status_code == 403
    from science4peace.people.domain.tokens import do_create_api_token

    _token, secret = do_create_api_token(actor=staff, name="admin")
    admin = {"Authorization": f"Bearer {secret}"}
    assert [r["id"] for r in client.get(url, headers=admin).json()] == [asked.json()["id"]]
    decided = client.post(
        f"/api/join-requests/{asked.json()['id']}/decision",
        {"accept": True, "start": "2026-04-01"},
        content_type="application/json",
        headers=admin,
    ).json()
    assert (decided["status"], decided["membership"]) == (
        "accepted",
        Membership.objects.get(person=asker).pk,
    )


def test_api_ask_with_unknown_institution_is_404(client, helix, asker, auth_headers):
    response = client.post(
        f"/api/collaborations/{helix.pk}/join-requests",
        {"institution": 999999},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, JoinRequest.objects.count()) == (404, 0)


def test_api_others_cannot_see_a_request(client, helix, user, asker, jinr, other_user):
    request = ask(helix, user, jinr)
    from science4peace.people.domain.tokens import do_create_api_token

    _token, secret = do_create_api_token(actor=other_user, name="bob")
    response = client.post(
        f"/api/join-requests/{request.pk}/decision",
        {"accept": True},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 404


# --- creating collaborations, administrators -----------------------------------------------


def test_a_confirmed_account_creates_a_collaboration_and_administers_it(logged_in, user):
    response = logged_in.post(
        reverse("collaborations:create"), {"name": "NEUTRINO-X", "start": "2026-05-01"}
    )
    created = Collaboration.objects.get(name="NEUTRINO-X")
    assert response["Location"] == reverse("collaborations:manage", args=[created.pk])
    assert list(created.administrators.all()) == [user]
    assert AuditEntry.objects.filter(action="collaboration.create").count() == 1


def test_an_unconfirmed_account_may_not_create(client, other_user):
    client.force_login(other_user)
    response = client.post(reverse("collaborations:create"), {"name": "X", "start": "2026-05-01"})
    assert (response.status_code, Collaboration.objects.filter(name="X").exists()) == (403, False)


def test_creators_setting_staff_refuses_confirmed_accounts(logged_in, settings):
    settings.S4P_COLLABORATION_CREATORS = "staff"
    response = logged_in.get(reverse("collaborations:create"))
    assert response.status_code == 403


def test_creating_with_a_taken_name_is_a_form_error(logged_in, helix):
    response = logged_in.post(
        reverse("collaborations:create"), {"name": "HELIX", "start": "2026-05-01"}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["name"]


def test_administrators_add_and_remove_but_never_the_last(client, helix, staff, user):
    client.force_login(staff)
    url = reverse("collaborations:administrators", args=[helix.pk])
    client.post(url, {"email": "ADA@example.org"})
    assert set(helix.administrators.all()) == {staff, user}
    remove = reverse("collaborations:remove-administrator", args=[helix.pk, staff.pk])
    assert b"Are you sure?" in client.get(remove).content
    assert set(helix.administrators.all()) == {staff, user}
    client.post(remove)
    assert list(helix.administrators.all()) == [user]
    with pytest.raises(ValidationError) as error:
        joining.do_remove_administrator(helix, actor=user, user=user)
    assert error.value.messages == ["HELIX must keep at least one administrator."]


def test_adding_an_unknown_address_is_a_form_error(client, helix, staff):
    client.force_login(staff)
    response = client.post(
        reverse("collaborations:administrators", args=[helix.pk]), {"email": "nobody@example.org"}
    )
    assert response.context["form"].errors == {
        "email": ["No account has the e-mail address nobody@example.org."]
    }


def test_settings_rejects_unknown_creators_value(monkeypatch):
    from science4peace import settings as table

    setting = next(s for s in table.TABLE if s.name == "COLLABORATION_CREATORS")
    monkeypatch.setenv("S4P_COLLABORATION_CREATORS", "everyone")
    with pytest.raises(ValueError, match="expected confirmed or staff"):
        setting.read()


def test_unverified_address_is_not_confirmed(db):
    account = get_user_model().objects.create_user(username="u", email="u@example.org")
    EmailAddress.objects.create(user=account, email=account.email, verified=False)
    from science4peace.collaborations import rules

    assert rules.can_create_collaboration(account) is False


@pytest.mark.parametrize(
    ("accept", "language"), [(True, "en"), (True, "ru"), (False, "uk"), (False, "ar")]
)
def test_decision_mail_matches_reviewed_snapshot(
    helix, user, asker, jinr, staff, accept, language, django_capture_on_commit_callbacks
):
    request = ask(helix, user, jinr, language=language)
    with django_capture_on_commit_callbacks(execute=True):
        joining.do_decide_join_request(
            request,
            actor=staff,
            accept=accept,
            start=D(2026, 1, 1),
            notify=join_notifier("https://s4p.example.org/"),
        )
    body = mail_text(mail.outbox[0]).replace(f"/{helix.pk}/", "/1/")
    what = "accepted" if accept else "declined"
    assert_snapshot(f"collaborations/join-{what}.{language}.txt", body)
