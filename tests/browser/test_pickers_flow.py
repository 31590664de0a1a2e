"""Issue 13, points 5 and 9, in Chromium with JavaScript: a person is picked by typing part of
the name (htmx asks the search view as one types), and the time-zone picker offers the
browser's own zone first and filters the zones as one types."""

import datetime as dt
import re

import pytest
from playwright.sync_api import sync_playwright

from science4peace.collaborations.models import Membership
from science4peace.people.models import Person

from .conftest import ARGS, CHROMIUM, db_call
from .test_self_service_flow import log_in, make_account

pytestmark = pytest.mark.browser


@pytest.fixture
def tokyo_page():
    """A browser whose own time zone is Asia/Tokyo."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(locale="en-GB", timezone_id="Asia/Tokyo")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


def test_administrator_adds_a_member_by_typing_part_of_the_name(
    helix, jinr, cern, live_app, request
):
    coordinator = make_account("coord", "coord@example.org")
    helix.administrators.set([coordinator])
    for given in ("Anna", "Maria"):
        Person.objects.create(given_name=given, family_name="Ivanova")
    maria = Person.objects.get(given_name="Maria")
    page, origin = request.getfixturevalue("tokyo_page"), live_app.url
    searches = []
    page.on("request", lambda r: searches.append(r.url) if "/pick/" in r.url else None)
    log_in(page, origin, "coord@example.org")
    page.goto(f"{origin}/collaborations/{helix.pk}/manage/")

    page.get_by_label("Person").press_sequentially("ivano", delay=40)
    page.get_by_role("radio", name="Maria Ivanova").check()
    page.get_by_label("Institution:", exact=True).fill("joint")
    page.get_by_role("radio", name=jinr.name).check()
    page.get_by_label("From").fill("2024-05-01")
    page.get_by_role("button", name="Add membership").click()
    page.wait_for_url(f"{origin}/collaborations/{helix.pk}/manage/")

    rows = db_call(lambda: list(Membership.objects.values_list("person", "institution", "start")))
    assert rows == [(maria.pk, jinr.pk, dt.date(2024, 5, 1))]
    # the searches went to our own picker views as the names were typed
    paths = {url.removeprefix(origin).split("?")[0] for url in searches}
    assert paths == {"/people/pick/", "/institutions/pick/"}


def test_zone_picker_offers_the_browser_zone_first_and_filters_as_one_types(
    user, live_app, tokyo_page
):
    page, origin = tokyo_page, live_app.url
    log_in(page, origin, user.email)
    select = page.locator("select[name=timezone]")
    first_group = select.locator("optgroup").first
    assert (first_group.get_attribute("label"), select.input_value()) == (
        "Your browser’s time zone",
        "Asia/Tokyo",
    )
    assert re.fullmatch(r"Asia/Tokyo \(UTC\+09:00\)", first_group.inner_text().strip())
    page.get_by_label("Search time zones").fill("zuri")
    shown = select.evaluate(
        "s => [...s.options].filter(o => !o.hidden && o.value).map(o => o.value)"
    )
    assert (shown, select.input_value()) == (["Europe/Zurich"], "Europe/Zurich")
