import pytest

from tests.catalog.conftest import RECORDS, import_files

pytestmark = pytest.mark.browser


def test_find_a_cms_2011_dimuon_dataset_by_search_and_facets_and_open_it(live_app, request):
    import_files([RECORDS / "cms-records.json", RECORDS / "atlas-records.json"])
    # The browser starts only now, after the data (see test_pledge_flow).
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{origin}/catalog/", timeout=60_000)  # a cold first page on a busy machine
    assert (
        page.get_by_role("navigation", name="Main")
        .get_by_role("link", name="Open data")
        .is_visible()
    )  # the main navigation

    page.get_by_label("Search the catalog").fill("DoubleMu")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(f"{origin}/catalog/?q=DoubleMu")
    page.locator('a[data-facet="year"][data-value="2011"]').click()
    page.wait_for_url("**year=2011**")
    page.locator('a[data-facet="type"][data-value="Dataset"]').click()
    page.wait_for_url("**type=Dataset**")
    # AOD, RAW, the derived PAT set and the event-display files
    assert page.locator("ol.records > li").count() == 4

    page.get_by_role("link", name="/DoubleMu/Run2011A-12Oct2013-v1/AOD", exact=True).click()
    page.wait_for_url(f"{origin}/catalog/record/17/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "/DoubleMu/Run2011A-12Oct2013-v1/AOD"
    )
    assert page.get_by_text("cernopendata-client download-files --recid 17 --verify").is_visible()
    assert [u for u in requests if not u.startswith(origin)] == []
