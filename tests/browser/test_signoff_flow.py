"""Common publications signed off by their authors, in a real browser: one author confirms
their entry on a paper, another asks for a correction, and the paper shows both; a contact
person uploads a draft and an author comments on it in the paper's discussion."""

import datetime as dt
import re

import pikepdf
import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from science4peace.papers.domain import changes
from science4peace.papers.models import Signoff
from science4peace.people.models import Person
from science4peace.spaces.models import Post

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
    expect(page.locator("#signoff-status")).to_contain_text("confirmed")
    page.get_by_role("button", name="Log out").click()

    _log_in(page, origin, "yuri@example.org")
    page.goto(f"{origin}/papers/{paper.pk}/")
    page.get_by_role("link", name="Check your own entry").click()
    page.get_by_label("needs a correction").check()
    page.get_by_label("What should be corrected").fill("My institute is JINR Dubna, not JINR.")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("#signoff-status")).to_contain_text("asked for a correction")

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


def test_a_contact_person_uploads_a_draft_and_an_author_comments_on_it(
    paper, user, staff, live_app, request, tmp_path
):
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    db_call(lambda: _set_password(staff))
    document = pikepdf.new()
    document.add_blank_page()
    draft = tmp_path / "dark-photons-v1.pdf"
    document.save(draft)

    _log_in(page, origin, staff.email)
    page.goto(f"{origin}/papers/{paper.pk}/")
    page.get_by_label("PDF of the draft").set_input_files(str(draft))
    page.get_by_label("Note (what changed)").fill("First full text")
    page.get_by_role("button", name="Upload draft").click()
    page.wait_for_url(f"{origin}/papers/{paper.pk}/drafts/")
    assert page.locator("#draft-1 td").nth(1).inner_text() == "First full text"
    page.get_by_role("button", name="Log out").click()

    _log_in(page, origin, user.email)
    page.goto(f"{origin}/papers/{paper.pk}/")
    page.locator("#draft-1").get_by_role("link", name="0 comments").click()
    page.get_by_label("reply").fill("Figure 3 needs error bars.")
    page.get_by_role("button", name="Post the reply").click()
    page.wait_for_url(re.compile(r"page=last"))
    assert "Figure 3 needs error bars." in page.locator("#posts").inner_text()
    page.goto(f"{origin}/papers/{paper.pk}/drafts/")
    assert page.locator("#draft-1").get_by_role("link", name="1 comment").count() == 1
    comments = db_call(
        lambda: list(Post.objects.filter(thread__space__paper=paper).values_list("body", flat=True))
    )
    assert comments == ["First full text", "Figure 3 needs error bars."]
    assert [url for url in requests if not url.startswith(origin)] == []


def _set_password(account) -> None:
    account.set_password(PASSWORD)
    account.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=account, email=account.email, defaults={"verified": True, "primary": True}
    )
