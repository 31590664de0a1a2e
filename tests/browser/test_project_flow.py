"""From open data to a common paper: find a CMS 2011 dimuon dataset by search and facets,
propose a project on it, a second person asks to join, the lead accepts, the lead starts a
paper whose authors are the project's members."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from science4peace.papers.models import Paper
from science4peace.people.models import Person
from science4peace.projects.models import Project
from tests.catalog.conftest import RECORDS, import_files

from .conftest import db_call

pytestmark = pytest.mark.browser
PASSWORD = "a long pass phrase 42"


@pytest.fixture
def people(user, live_app):
    import_files([RECORDS / "cms-records.json", RECORDS / "atlas-records.json"])
    Person.objects.create(user=user, given_name="Ada", family_name="Lovelace")
    second = get_user_model().objects.create_user(
        username="omar", email="omar@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=second, email=second.email, verified=True, primary=True)
    Person.objects.create(user=second, given_name="Omar", family_name="Khayyam")
    return user, second


def _log_in(page, origin, email):
    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{origin}/people/me/")


def _log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_from_a_dimuon_dataset_to_a_project_and_its_paper(people, live_app, request):
    lead, second = people
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    requests = []
    page.on("request", lambda r: requests.append(r.url))

    # The lead finds the dataset: full text, then the CMS and 2011 facets.
    _log_in(page, origin, lead.email)
    page.get_by_role("link", name="Open data").click()
    page.get_by_label("Search the catalog").fill("DoubleMu")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=DoubleMu"))
    page.locator('a[data-facet="experiment"][data-value="CMS"]').click()
    page.wait_for_url(re.compile(r"experiment=CMS"))
    page.locator('a[data-facet="year"][data-value="2011"]').click()
    page.wait_for_url(re.compile(r"year=2011"))
    page.locator('a[data-facet="type"][data-value="Dataset"]').click()
    page.wait_for_url(re.compile(r"type=Dataset"))
    page.get_by_role("link", name="/DoubleMu/Run2011A-12Oct2013-v1/AOD", exact=True).click()
    page.wait_for_url(re.compile(r"/catalog/record/17/$"))

    # ... and proposes a project on it.
    page.goto(f"{origin}/projects/new/?records=17")
    page.get_by_label("Title").fill("Upsilon states in 2011 dimuons")
    page.get_by_label("Description").fill("Fit the $\\Upsilon(1S)$, $\\Upsilon(2S)$ peaks.")
    page.get_by_label("arXiv subject classes").select_option(["hep-ex"])
    page.get_by_label("Keywords").fill("dimuon, upsilon")
    page.get_by_role("button", name="Propose").click()
    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    project_url = page.url
    needs = page.locator("section[aria-labelledby=needs]").inner_text()
    assert ("hep-ex" in needs, "dimuon, upsilon" in needs, "CMS" in needs) == (True, True, True)
    assert "/DoubleMu/Run2011A-12Oct2013-v1/AOD" in page.content()
    _log_out(page)

    # A second person asks to join.
    _log_in(page, origin, second.email)
    page.goto(project_url)
    page.get_by_label("A short message to the leads").fill("I fitted Upsilons before.")
    page.get_by_role("button", name="Ask to join").click()
    expect(page.locator("#my-membership")).to_contain_text("You asked to join")
    _log_out(page)

    # The lead accepts and starts a paper.
    _log_in(page, origin, lead.email)
    page.goto(project_url)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("button", name="Accept")).to_have_count(0)
    members = page.locator("#member-list li").all_inner_texts()
    assert [m.split(" (")[0].split(" Make lead")[0].strip() for m in members] == [
        "Ada Lovelace",
        "Omar Khayyam",
    ]
    page.get_by_label("Title of the paper").fill("Upsilon production in CMS open data")
    page.get_by_role("button", name="Start the paper").click()
    page.wait_for_url(re.compile(r"/papers/\d+/$"))
    assert "2 authors" in page.locator("#preview").inner_text()

    project = db_call(lambda: Project.objects.get(title="Upsilon states in 2011 dimuons"))
    paper = db_call(lambda: Paper.objects.get(title="Upsilon production in CMS open data"))
    authors = db_call(lambda: sorted(paper.authors.values_list("family_name", flat=True)))
    records = db_call(lambda: list(project.records.values_list("recid", flat=True)))
    assert (authors, records, paper.collaboration_id) == (["Khayyam", "Lovelace"], [17], None)
    assert [url for url in requests if not url.startswith(origin)] == []
