import re

import pytest
from django.core import mail

from science4peace.people.models import Person
from tests.browser.conftest import db_call

pytestmark = pytest.mark.browser


def test_signup_confirm_switch_language_edit_profile_rtl(browser_page, live_app):
    page = browser_page
    origin = live_app.url
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    # Sign up with e-mail and password.
    page.goto(f"{origin}/accounts/signup/")
    page.get_by_label("Email").fill("marie@example.org")
    page.get_by_label("Password:", exact=True).fill("Radioactive decay 1898")
    page.get_by_label("Password (again)").fill("Radioactive decay 1898")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))

    # Confirm through the link in the e-mail.
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    assert link.startswith(origin)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/people/me/$"))

    # Switch to Russian and edit the profile in Russian.
    page.get_by_label("Language").select_option("ru")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_selector("html[lang=ru]")
    assert page.get_by_role("heading", level=1).inner_text() == "Мой профиль"
    page.get_by_label("Фамилия").fill("Curie")
    page.get_by_label("Имя в родной письменности").fill("Мария Кюри")
    page.get_by_label("ORCID iD").fill("0000-0002-1825-0097")
    page.get_by_label("Часовой пояс").select_option("Europe/Paris")
    page.get_by_role("button", name="Сохранить профиль").click()
    page.get_by_text("Профиль сохранён.").wait_for()
    person = db_call(lambda: Person.objects.get(user__email="marie@example.org"))
    assert (person.family_name, person.native_name, person.orcid, person.timezone) == (
        "Curie",
        "Мария Кюри",
        "0000-0002-1825-0097",
        "Europe/Paris",
    )

    # Switch to Arabic: the page reads right to left.
    page.get_by_label("Язык").select_option("ar")
    page.get_by_role("button", name="Сменить").click()
    page.wait_for_selector("html[lang=ar]")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "ملفي الشخصي"
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == "rtl"

    # Nothing left the app's origin.
    assert len(requests) > 10
    assert [url for url in requests if not url.startswith(origin)] == []
