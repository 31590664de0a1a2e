"""Issue 16 in a browser: open a call, submit as two people, assign, review blind, decide, see
the accepted talk in the timetable; a school application through to the follow-up form."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from science4peace.events.domain.changes import do_create_event, do_save_session, do_set_role
from science4peace.events.models import Event
from science4peace.people.models import Person
from science4peace.review.models import Assignment, Call, Offer, Submission

from .conftest import db_call

pytestmark = pytest.mark.browser
PASSWORD = "a long pass phrase 42"
DAY = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=60)


def person(username: str, given: str, family: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Person.objects.create(user=user, given_name=given, family_name=family)
    return user


@pytest.fixture
def people(live_app):
    return {
        "olga": person("olga", "Olga", "Organova"),
        "ana": person("ana", "Anastasia", "Kuznetsova"),
        "kofi": person("kofi", "Kofi", "Mensah"),
        "rosa": person("rosa", "Rosa", "Revisora"),
    }


def make_event(people, kind: str) -> Event:
    event = do_create_event(
        actor=people["olga"],
        title="Online Workshop on Open Data" if kind == "workshop" else "Summer School",
        kind=kind,
        timezone="UTC",
        start_date=DAY,
        end_date=DAY,
    )
    do_set_role(event, actor=people["olga"], user=people["rosa"], role="reviewer")
    do_save_session(
        event,
        actor=people["olga"],
        title="Contributed talks",
        day=DAY,
        start=dt.time(9),
        end=dt.time(11),
    )
    return event


@pytest.fixture
def workshop(people):
    return make_event(people, "workshop")


@pytest.fixture
def school(people):
    return make_event(people, "school")


def login(browser, origin: str, user):
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{origin}/people/me/")
    return page


def open_call(page, origin: str, event: Event, kind: str) -> None:
    now = timezone.now().astimezone(dt.UTC)
    page.goto(f"{origin}/review/events/{event.pk}/call/edit/")
    page.get_by_label("opens").fill(f"{now - dt.timedelta(days=1):%Y-%m-%dT%H:%M}")
    page.get_by_label("closes:", exact=True).fill(f"{now + dt.timedelta(days=10):%Y-%m-%dT%H:%M}")
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("reviewers per submission").fill("1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The call is saved.")).to_be_visible()


def send(page, origin: str, event: Event, title: str, author: str, kind: str) -> None:
    page.goto(f"{origin}/review/events/{event.pk}/submit/")
    page.get_by_label("title").fill(title)
    page.get_by_label("abstract:", exact=True).fill(f"{title}: we study $p_T$ spectra.")
    page.get_by_label("kind").select_option(kind)
    page.get_by_label("authors").fill(f"*{author}")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("h1")).to_contain_text(title)


def assign(page, origin: str, event: Event) -> None:
    page.goto(f"{origin}/review/events/{event.pk}/manage/")
    page.get_by_role("button", name="Assign 1 reviewers").click()
    assert db_call(lambda: Assignment.objects.filter(submission__call__event=event).count()) == 2


def review(page, origin: str, event: Event, code: str, score: str) -> str:
    page.goto(f"{origin}/review/events/{event.pk}/committee/")
    page.get_by_role("link", name=db_call(lambda: Submission.objects.get(code=code).title)).click()
    page.get_by_label("score:", exact=True).fill(score)
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("Your review is saved.")).to_be_visible()
    return page.content()


def test_a_call_from_submission_to_the_timetable(people, workshop, live_app, request):
    origin, event = live_app.url, workshop
    browser = request.getfixturevalue("browser_page").context.browser
    olga = login(browser, origin, people["olga"])
    open_call(olga, origin, event, "talk")
    send(
        login(browser, origin, people["ana"]),
        origin,
        event,
        "Jets in open data",
        "Anastasia Kuznetsova",
        "talk",
    )
    send(
        login(browser, origin, people["kofi"]),
        origin,
        event,
        "Neutrino masses",
        "Kofi Mensah",
        "talk",
    )
    assign(olga, origin, event)
    jets = db_call(lambda: Submission.objects.get(title="Jets in open data").code)
    rosa = login(browser, origin, people["rosa"])
    for code in db_call(lambda: sorted(Submission.objects.values_list("code", flat=True))):
        html = review(rosa, origin, event, code, "5" if code == jets else "2")
        assert [name in html for name in ("Anastasia", "Kuznetsova", "Kofi", "Mensah")] == [
            False
        ] * 4
    olga.goto(f"{origin}/review/events/{event.pk}/manage/")
    olga.get_by_label("submissions").fill(jets)
    olga.get_by_label("decision").select_option("talk")
    olga.get_by_role("button", name="Decide").click()
    olga.goto(f"{origin}/events/{event.pk}/manage/")
    olga.get_by_role("link", name="Jets in open data").click()
    olga.get_by_label("session").select_option(label="Contributed talks")
    olga.get_by_label("day").fill(f"{DAY:%Y-%m-%d}")
    olga.get_by_label("starts").fill("09:20")
    olga.get_by_role("button", name="Save").click()
    olga.goto(f"{origin}/events/{event.pk}/timetable/")
    expect(olga.locator("main")).to_contain_text("Jets in open data")
    expect(olga.locator("main")).to_contain_text("Anastasia Kuznetsova")
    expect(olga.locator("main")).not_to_contain_text("Neutrino masses")


def test_a_school_application_through_to_the_follow_up_form(people, school, live_app, request):
    origin, event = live_app.url, school
    browser = request.getfixturevalue("browser_page").context.browser
    olga = login(browser, origin, people["olga"])
    open_call(olga, origin, event, "lecture")
    olga.goto(f"{origin}/review/events/{event.pk}/school/")
    olga.get_by_label("places").fill("1")
    olga.get_by_role("button", name="Save").first.click()
    expect(olga.get_by_text("The selection is saved.")).to_be_visible()
    olga.get_by_label("question").fill("Dietary needs")
    olga.get_by_role("checkbox", name="required").check()
    olga.get_by_role("button", name="Add the question").click()
    ana = login(browser, origin, people["ana"])
    send(ana, origin, event, "Why I apply", "Anastasia Kuznetsova", "lecture")
    send(
        login(browser, origin, people["kofi"]),
        origin,
        event,
        "My application",
        "Kofi Mensah",
        "lecture",
    )
    assign(olga, origin, event)
    rosa = login(browser, origin, people["rosa"])
    first = db_call(lambda: Submission.objects.get(title="Why I apply").code)
    for code in db_call(lambda: sorted(Submission.objects.values_list("code", flat=True))):
        review(rosa, origin, event, code, "5" if code == first else "3")
    past = timezone.now() - dt.timedelta(hours=1)
    db_call(
        lambda: Call.objects.filter(event=event).update(
            opens=past - dt.timedelta(days=2), closes=past
        )
    )
    olga.goto(f"{origin}/review/events/{event.pk}/school/")
    olga.get_by_role("button", name="Offer the free places of 1").click()
    expect(olga.get_by_text("1 place(s) offered.")).to_be_visible()
    offer = db_call(lambda: Offer.objects.get())
    ana.goto(f"{origin}/review/offers/{offer.pk}/")
    ana.get_by_label("I confirm that I will attend").check()
    ana.get_by_label("consent").check()
    ana.get_by_label("Dietary needs").fill("vegetarian")
    ana.get_by_role("button", name="Send").click()
    expect(ana.get_by_text("Your answer is saved.")).to_be_visible()
    expect(ana.locator("main")).to_contain_text("confirmed")
    expect(ana.locator("main")).to_contain_text("vegetarian")
    olga.goto(f"{origin}/review/events/{event.pk}/school/")
    expect(olga.locator("main")).to_contain_text("Dietary needs: vegetarian")
