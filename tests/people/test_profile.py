import datetime as dt

import pytest
from django.urls import reverse

from science4peace.core.models import AuditEntry
from science4peace.people.models import Affiliation, Person
from tests.conftest import make_people

pytestmark = pytest.mark.django_db

PROFILE = {
    "given_name": "Ada",
    "family_name": "Lovelace",
    "paper_name": "A. Lovelace",
    "native_name": "",
    "orcid": "",
    "city": "",
    "location_country": "",
    "latitude": "",
    "longitude": "",
    "timezone": "",
}


def test_profile_requires_login(client):
    response = client.get(reverse("people:me"))
    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/people/me/")


def test_profile_save_normalises_orcid_and_audits(logged_in, user):
    response = logged_in.post(
        reverse("people:me"),
        {
            **PROFILE,
            "orcid": "https://orcid.org/0000-0002-1694-233x",
            "timezone": "Asia/Tehran",
            "city": "Tehran",
            "latitude": "35.6892",
            "longitude": "51.3890",
        },
    )
    person = Person.objects.get(user=user)
    assert response.status_code == 302
    assert (person.orcid, person.timezone, person.family_name) == (
        "0000-0002-1694-233X",
        "Asia/Tehran",
        "Lovelace",
    )
    entry = AuditEntry.objects.get(action="person.update")
    assert (entry.actor, entry.before["orcid"], entry.after["orcid"]) == (
        user,
        None,
        "0000-0002-1694-233X",
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("orcid", "0000-0002-1825-0098", "its check digit is wrong"),
        ("orcid", "1234", "expected 16 characters"),
        ("timezone", "Mars/Olympus", "Unknown time zone"),
        ("timezone", "UTC+3", "Unknown time zone"),
        ("latitude", "91", "less than or equal to 90"),
        ("family_name", "", "This field is required."),
    ],
)
def test_profile_bad_input_shows_error_and_saves_nothing(logged_in, user, field, value, message):
    response = logged_in.post(reverse("people:me"), {**PROFILE, field: value})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Person.objects.get(user=user).family_name == ""


def test_profile_duplicate_orcid_is_rejected(logged_in, user):
    Person.objects.create(family_name="Carberry", orcid="0000-0002-1825-0097")
    response = logged_in.post(reverse("people:me"), {**PROFILE, "orcid": "0000000218250097"})
    assert response.status_code == 400
    assert "already exists" in " ".join(response.context["form"].errors["orcid"])
    assert Person.objects.get(user=user).orcid is None


def test_affiliation_added_and_shown(logged_in, user, cern):
    response = logged_in.post(
        reverse("people:add-affiliation"),
        {"institution": cern.pk, "role": "fellow", "kind": "primary", "start": "2020-01-01"},
    )
    assert response.status_code == 302
    page = logged_in.get(reverse("people:me")).content.decode()
    assert "CERN" in page
    assert "fellow" in page


@pytest.mark.parametrize(
    ("existing", "new", "message"),
    [
        (
            (dt.date(2019, 1, 1), None, "primary"),
            ("2020-01-01", "", "primary"),
            "overlaps the affiliation with CERN",
        ),
        (
            (dt.date(2019, 1, 1), dt.date(2021, 1, 1), "also_at"),
            ("2020-06-01", "2020-07-01", "also_at"),
            "overlaps the affiliation with CERN",
        ),
    ],
)
def test_affiliation_overlapping_same_institution_is_rejected(
    logged_in, user, cern, existing, new, message
):
    person = Person.objects.create(user=user, family_name="L")
    Affiliation.objects.create(
        person=person, institution=cern, start=existing[0], end=existing[1], kind=existing[2]
    )
    response = logged_in.post(
        reverse("people:add-affiliation"),
        {"institution": cern.pk, "kind": new[2], "start": new[0], "end": new[1]},
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["affiliation_form"].errors["start"])
    assert person.affiliations.count() == 1


def test_affiliation_two_primaries_at_once_are_rejected(logged_in, user, cern, jinr):
    person = Person.objects.create(user=user, family_name="L")
    Affiliation.objects.create(person=person, institution=cern, start=dt.date(2019, 1, 1))
    response = logged_in.post(
        reverse("people:add-affiliation"),
        {"institution": jinr.pk, "kind": "primary", "start": "2020-01-01"},
    )
    assert response.status_code == 400
    assert "overlaps the primary affiliation with CERN" in str(
        response.context["affiliation_form"].errors["start"]
    )


def test_affiliation_consecutive_moves_are_accepted(logged_in, user, cern, jinr):
    person = Person.objects.create(user=user, family_name="L")
    Affiliation.objects.create(
        person=person, institution=jinr, start=dt.date(2015, 1, 1), end=dt.date(2019, 12, 31)
    )
    logged_in.post(
        reverse("people:add-affiliation"),
        {"institution": cern.pk, "kind": "primary", "start": "2020-01-01"},
    )
    assert [a.institution for a in person.affiliations.order_by("start")] == [jinr, cern]


def test_affiliation_ending_before_start_is_rejected(logged_in, user, cern):
    response = logged_in.post(
        reverse("people:add-affiliation"),
        {"institution": cern.pk, "kind": "primary", "start": "2020-01-01", "end": "2019-01-01"},
    )
    assert response.status_code == 400
    assert Affiliation.objects.count() == 0


def test_affiliation_of_someone_else_cannot_be_removed(logged_in, other_user, cern):
    """Affiliations are public, so removing another person's is refused (403), not hidden."""
    person = Person.objects.create(user=other_user, family_name="B")
    affiliation = Affiliation.objects.create(
        person=person, institution=cern, start=dt.date(2020, 1, 1)
    )
    response = logged_in.post(reverse("people:remove-affiliation", args=[affiliation.pk]))
    assert (response.status_code, Affiliation.objects.count()) == (403, 1)
    assert "You may not change this person." in response.content.decode()


def test_people_list_shows_native_names(client, cern):
    Person.objects.create(given_name="Anna", family_name="Ivanova", native_name="Анна Иванова")
    html = client.get(reverse("people:list")).content.decode()
    assert "Анна Иванова" in html


def test_people_list_search_htmx_fragment(client, cern):
    make_people(3, cern)
    response = client.get(reverse("people:list"), {"q": "Family1"}, HTTP_HX_REQUEST="true")
    assert [p.family_name for p in response.context["page"]] == ["Family1"]
    assert "<html" not in response.content.decode()


def test_person_detail_shows_affiliation_history(client, cern, jinr):
    person = Person.objects.create(given_name="Sergei", family_name="Morozov")
    Affiliation.objects.create(person=person, institution=jinr, start=dt.date(2024, 12, 1))
    Affiliation.objects.create(
        person=person,
        institution=cern,
        start=dt.date(2010, 1, 1),
        end=dt.date(2024, 11, 30),
        kind="primary",
    )
    html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert html.index("Joint Institute") < html.index("CERN") < html.index("2024-11-30")


@pytest.mark.parametrize("count", [1, 3])
def test_people_list_query_count_is_constant(client, cern, django_assert_num_queries, count):
    make_people(count, cern)
    # count, page of people, their affiliations with institution and country
    with django_assert_num_queries(3):
        response = client.get(reverse("people:list"))
    assert len(response.context["page"]) == count


def test_api_tokens_are_created_shown_once_and_revoked(logged_in, user):
    response = logged_in.post(reverse("people:tokens"), {"name": "laptop"})
    secret = response.context["secret"]
    assert secret.startswith("s4p_")
    token = user.api_tokens.get()
    assert secret not in logged_in.get(reverse("people:tokens")).content.decode()
    logged_in.post(reverse("people:revoke-token", args=[token.pk]))
    assert user.api_tokens.count() == 0


@pytest.mark.parametrize(
    "url", ["/people/99999999999999999999/", "/institutions/99999999999999999999/"]
)
def test_detail_with_id_beyond_64_bits_is_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert 'id="reason">There is nothing at this address.</p>' in response.content.decode()
