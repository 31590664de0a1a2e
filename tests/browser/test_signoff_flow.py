"""Common publications signed off by their authors, in a real browser: one author confirms
their entry on a paper, another asks for a correction, and the paper shows both."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from science4peace.papers.domain import changes
from science4peace.papers.models import Signoff
from science4peace.people.models import Person

from .conftest import db_call

pytestmark = pytest.mark.browser
PASSWORD = "a long pass phrase 42"


@pytest.fixture
def paper(live_app, helix, mover, staff, jinr):
    paper = changes.do_create_paper(
        helix, actor=staff, title="Dark photons", reference_date=dt.date(2023, 10, 1)
    )
    second = get_user_model().objects.create_user(
        username="yuri", email="yuri@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=second, email=second.email, verified=True, primary=True)
    person = Person.objects.create(user=second, given_name="Yuri", family_name="Petrov")
    changes.do_add_author(paper, actor=staff, person=person, institutions=[jinr], reason="joined")
    return paper


def _log_in(page, origin, email):
    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{origin}/people/me/")


def test_one_author_confirms_and_another_asks_for_a_correction(paper, user, live_app, request):
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    requests = []
    page.on("request", lambda r: requests.append(r.url))

    _log_in(page, origin, user.email)
    page.get_by_role("link", name="Notifications").click()
    page.get_by_role("button", name="Please check your entry on Dark photons").click()
    page.wait_for_url(f"{origin}/papers/{paper.pk}/my-entry/")
    assert page.locator("#printed-name").inner_text() == "Anna Ivanova"
    page.get_by_label("is correct: I confirm it").check()
    page.get_by_role("button", name="Send my answer").click()
    assert "confirmed" in page.locator("#signoff-status").inner_text()
    page.get_by_role("button", name="Log out").click()

    _log_in(page, origin, "yuri@example.org")
    page.goto(f"{origin}/papers/{paper.pk}/")
    page.get_by_role("link", name="Check your own entry").click()
    page.get_by_label("needs a correction").check()
    page.get_by_label("What should be corrected").fill("My institute is JINR Dubna, not JINR.")
    page.get_by_role("button", name="Send my answer").click()
    assert "asked for a correction" in page.locator("#signoff-status").inner_text()

    page.goto(f"{origin}/papers/{paper.pk}/")
    assert page.locator("#signoff-confirmed").inner_text() == "Anna Ivanova"
    assert page.locator("#signoff-correction").inner_text() == "Yuri Petrov"
    assert page.locator("#signoff-pending").inner_text() == "—"
    statuses = db_call(
        lambda: sorted(
            Signoff.objects.filter(author__paper=paper).values_list("author__family_name", "status")
        )
    )
    assert statuses == [("Ivanova", "confirmed"), ("Petrov", "correction")]
    assert [url for url in requests if not url.startswith(origin)] == []
