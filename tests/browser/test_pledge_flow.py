import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from science4peace.collaborations.models import Resource

pytestmark = pytest.mark.browser


@pytest.fixture
def calibration(helix, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resource = Resource(
        collaboration=helix,
        title="Calibration constants",
        kind="dataset",
        sensitivity="contributors",
        size=12,
    )
    resource.file.save("calibration.csv", ContentFile(b"run,gain\n1,2\n"), save=True)
    return resource


def test_member_accepts_pledge_opens_resource_and_sees_why(
    mover,
    calibration,
    user,
    live_app,
    request,
):
    # The browser starts only now, after the data: Playwright's sync API runs an event
    # loop in which the ORM of the data fixtures would refuse to run.
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:").fill("a long pass phrase 42")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{origin}/people/me/")

    page.goto(f"{origin}/collaborations/{calibration.collaboration_id}/resources/")
    page.get_by_role("link", name="why?").click()
    assert page.get_by_role("status").inner_text().startswith("You have no access.")
    expect(page.get_by_text("accept the civil-use pledge v1 first")).to_be_visible()

    page.get_by_role("link", name="Read and accept the civil-use pledge").click()
    page.get_by_role("button", name="I accept the civil-use pledge").click()
    page.wait_for_url(
        f"{origin}/collaborations/{calibration.collaboration_id}/resources/{calibration.pk}/"
    )
    status = page.locator(".decision").inner_text()
    assert "You have access." in status
    assert "confirmed contribution: ECAL construction 2013–2016" in status
    assert "access until 2041-12-31" in status

    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename.startswith("calibration")
    assert [url for url in requests if not url.startswith(origin)] == []
