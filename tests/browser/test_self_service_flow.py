"""Issue 13, point 10, end to end in Chromium: a scientist asks to join a collaboration, an
administrator accepts, the scientist records a contribution, the administrator confirms it,
and the scientist has access with its reasons; an organiser gives someone a reviewer role."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from science4peace.collaborations.models import Membership, WorkContribution
from science4peace.events.domain.changes import do_create_event
from science4peace.events.models import Event, EventRole
from science4peace.people.models import Person

from .conftest import db_call

pytestmark = pytest.mark.browser

PASSWORD = "a long pass phrase 42"


def make_account(username: str, email: str, *, staff: bool = False):
    account = get_user_model().objects.create_user(
        username=username, email=email, password=PASSWORD, is_staff=staff
    )
    EmailAddress.objects.create(user=account, email=email, verified=True, primary=True)
    return account


def log_in(page, origin: str, email: str) -> None:
    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{origin}/people/me/")


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()


@pytest.fixture
def scientist(user):
    return Person.objects.create(user=user, given_name="Anna", family_name="Ivanova")


@pytest.fixture
def coordinator(helix):
    account = make_account("coord", "coord@example.org")
    helix.administrators.set([account])
    return account


def test_ask_to_join_accepted_contribution_confirmed_access_with_reasons(
    helix, jinr, dataset, scientist, coordinator, live_app, request
):
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    base = f"{origin}/collaborations/{helix.pk}"

    # the scientist wants to record work, and is told what is needed first
    log_in(page, origin, "ada@example.org")
    page.goto(f"{base}/contributions/")
    assert "You need a membership of this collaboration first." in page.inner_text(
        "#membership-needed"
    )
    page.locator("#membership-needed").get_by_role("link", name="Ask to join").click()
    page.get_by_label("Institution you join through").fill("joint inst")
    page.get_by_role("radio", name=jinr.name).check()
    page.get_by_label("Message to the administrators").fill("I built ECAL modules in Dubna.")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url(f"{base}/")
    assert "you will be told by e-mail" in page.get_by_role("status").first.inner_text()
    log_out(page)

    # an administrator accepts from the queue, from a date they confirm
    log_in(page, origin, "coord@example.org")
    page.goto(f"{base}/manage/")
    page.get_by_role("link", name="Requests to join").click()
    row = page.get_by_role("row").filter(has_text="Anna Ivanova")
    assert "I built ECAL modules in Dubna." in row.inner_text()
    row.get_by_label("Member from").fill("2012-01-01")
    row.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("status").first).to_contain_text("Anna Ivanova is now a member.")
    expect(page.get_by_text("No requests are waiting.")).to_be_visible()
    log_out(page)
    assert db_call(
        lambda: list(Membership.objects.values_list("person__family_name", "start"))
    ) == [("Ivanova", dt.date(2012, 1, 1))]
    assert [m.subject for m in mail.outbox] == ["[Science4Peace] Welcome to HELIX"]

    # the member records a contribution
    log_in(page, origin, "ada@example.org")
    page.goto(f"{base}/contributions/")
    page.get_by_label("Type").select_option("detector")
    page.get_by_label("Description").fill("ECAL construction")
    page.get_by_label("From").fill("2013-01-01")
    page.get_by_label("To").fill("2016-12-31")
    page.get_by_role("button", name="Submit for confirmation").click()
    expect(page.get_by_role("status").first).to_contain_text("waits for an administrator")
    log_out(page)

    # the administrator confirms it
    log_in(page, origin, "coord@example.org")
    page.goto(f"{base}/contributions/")
    page.get_by_role("row").filter(has_text="ECAL construction").get_by_role(
        "button", name="Confirm"
    ).click()
    log_out(page)
    assert db_call(lambda: list(WorkContribution.objects.values_list("status", flat=True))) == [
        "confirmed"
    ]

    # the member accepts the pledge and has access, with the reasons
    log_in(page, origin, "ada@example.org")
    page.goto(f"{origin}/collaborations/pledge/?next=/collaborations/{helix.pk}/")
    page.get_by_role("button", name="I accept the civil-use pledge").click()
    page.wait_for_url(f"{base}/")
    decision = page.locator(".decision").inner_text()
    assert "You have access." in decision
    assert "confirmed contribution: ECAL construction 2013–2016" in decision
    assert "access until 2041-12-31" in decision
    assert [url for url in requests if not url.startswith(origin)] == []


@pytest.fixture
def workshop(db):
    organiser = make_account("olga", "olga@example.org")
    make_account("rev", "rev@example.org")
    event = do_create_event(
        actor=organiser,
        title="Workshop on Open Data",
        kind=Event.Kind.WORKSHOP,
        timezone="Europe/Zurich",
        start_date=dt.date(2027, 3, 1),
        end_date=dt.date(2027, 3, 2),
    )
    return event


def test_organiser_gives_a_reviewer_role(workshop, live_app, request):
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    log_in(page, origin, "olga@example.org")
    page.goto(f"{origin}/events/{workshop.pk}/manage/")
    page.get_by_role("link", name="Roles").click()
    page.get_by_label("E-mail address of the account").fill("rev@example.org")
    page.get_by_label("Role").select_option("reviewer")
    page.get_by_role("button", name="Give the role").click()
    expect(page.get_by_role("status").first).to_contain_text("The role was given.")
    assert "rev@example.org" in page.get_by_role("row").filter(has_text="reviewer").inner_text()
    assert db_call(lambda: sorted(EventRole.objects.values_list("user__username", "role"))) == [
        ("olga", "organiser"),
        ("rev", "reviewer"),
    ]

    # taking the role asks first, without JavaScript's help
    page.get_by_role("row").filter(has_text="reviewer").get_by_role(
        "link", name="Take the role"
    ).click()
    expect(page.get_by_role("heading", name="Are you sure?")).to_be_visible()
    page.get_by_role("link", name="Cancel").click()
    assert db_call(lambda: EventRole.objects.count()) == 2
