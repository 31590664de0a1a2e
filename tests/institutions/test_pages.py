import pytest
from django.urls import reverse

from science4peace.institutions.models import Country, Institution
from tests.conftest import make_institutions, make_people

pytestmark = pytest.mark.django_db


def test_countries_table_is_loaded_by_migration():
    assert (
        Country.objects.count(),
        Country.objects.get(code="XK").un_status,
        Country.objects.get(code="PS").un_status,
    ) == (250, "none", "observer")


def test_country_page_lists_every_participating_institution_alike(client, cern, jinr):
    Institution.objects.create(name="An-Najah National University", country_id="PS")
    response = client.get(reverse("institutions:countries"))
    html = response.content.decode()
    assert response.status_code == 200
    order = [
        html.index(name)
        for name in ("Palestine", "An-Najah", "Russia", "Joint Institute", "Switzerland", "CERN")
    ]
    assert order == sorted(order)


def test_institution_list_filters_by_country(client, cern, jinr):
    response = client.get(reverse("institutions:list"), {"country": "ru"})
    assert list(response.context["page"]) == [jinr]


def test_institution_list_htmx_returns_only_the_results_fragment(client, cern):
    response = client.get(reverse("institutions:list"), {"q": "CERN"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html


def test_institution_detail_shows_identifiers_and_people(client, cern):
    (person,) = make_people(1, cern)
    response = client.get(reverse("institutions:detail", args=[cern.pk]))
    html = response.content.decode()
    assert ("https://ror.org/01ggx4157" in html, person.display_name in html) == (True, True)


def test_institution_detail_unknown_is_404(client, db):
    response = client.get(reverse("institutions:detail", args=[999]))
    assert response.status_code == 404
    assert "No institution with id 999." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_institution_list_query_count_is_constant(client, django_assert_num_queries, count):
    make_institutions(count)
    # session-less anonymous page: count, page rows, their codes, the country filter list
    with django_assert_num_queries(4):
        response = client.get(reverse("institutions:list"))
    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_countries_page_query_count_is_constant(client, django_assert_num_queries, count):
    make_institutions(count)
    with django_assert_num_queries(1):
        client.get(reverse("institutions:countries"))


def test_country_page_in_arabic_names_countries_in_arabic(client, cern, jinr):
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    html = client.get(reverse("institutions:countries")).content.decode()
    assert "سويسرا" in html
    assert "Switzerland" not in html
