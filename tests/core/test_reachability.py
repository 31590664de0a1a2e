"""Invariant 3: pages load nothing from another host, under a CSP of default-src 'self'."""

import re

import pytest
from django.urls import reverse

from tests.conftest import make_people

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:src|href|action)=["'](?:https?:)?//(?!localhost|testserver)""")
# Links a person follows on purpose (identifiers) are not loaded by the page.
ALLOWED_LINKS = re.compile(r"""href=["']https://(?:orcid\.org|ror\.org)/""")


def _pages(cern):
    (person,) = make_people(1, cern)
    return [
        "/",
        reverse("people:list"),
        reverse("people:detail", args=[person.pk]),
        reverse("institutions:list"),
        reverse("institutions:detail", args=[cern.pk]),
        reverse("institutions:countries"),
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/api/docs",
    ]


def test_every_page_has_a_self_only_csp_and_no_third_party_reference(client, cern):
    for url in _pages(cern):
        response = client.get(url)
        html = ALLOWED_LINKS.sub("", response.content.decode())
        csp = response.headers["Content-Security-Policy"]
        assert (url, response.status_code) == (url, 200)
        assert "default-src 'self'" in csp, url
        assert "unsafe-inline" not in csp, url
        assert EXTERNAL.findall(html) == [], url
        assert "<script>" not in html.replace('<script type="application/json"', ""), url


def test_every_page_works_without_javascript_forms_post_to_self(client, cern):
    html = client.get("/").content.decode()
    assert '<form class="language" method="get" action="/i18n/language/">' in html
