"""The small things of issue 13: the pledge in ru/uk/ar with the English text binding, a
friendly invitation to log in, no empty names in lists, confirmation before ending a
membership, and an "Email" label that is translated."""

import datetime as dt

import pytest
from django.urls import reverse

from science4peace.collaborations.domain.access import current_pledge
from science4peace.collaborations.models import Membership
from science4peace.people.models import Affiliation, ApiToken, Person

D = dt.date


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("ru", "Я буду использовать данные"),
        ("uk", "Я використовуватиму дані"),
        ("ar", "سأستخدم بيانات التعاونات العلمية"),
    ],
)
def test_pledge_is_translated_and_the_english_text_binds(client, db, language, opening):
    page = client.get(reverse("collaborations:pledge"), HTTP_ACCEPT_LANGUAGE=language)
    text = page.content.decode()
    assert opening in text
    assert 'lang="en" dir="ltr"><p>I will use the data, software and knowledge' in text
    assert 'id="binding"' in text


def test_pledge_in_english_is_shown_once(client, db):
    text = client.get(reverse("collaborations:pledge")).content.decode()
    assert (text.count("I will use the data"), 'id="binding"' in text) == (1, False)


def test_pledge_version_1_keeps_its_english_text(db):
    pledge = current_pledge()
    assert pledge.text.startswith("I will use the data, software and knowledge")
    assert sorted(pledge.translations) == ["ar", "ru", "uk"]


def test_api_pledge_gives_translations_for_reading(client, db):
    body = client.get("/api/pledge").json()
    assert (body["text"][:10], sorted(body["translations"])) == ("I will use", ["ar", "ru", "uk"])


def test_anonymous_visitor_is_invited_to_log_in(client, helix, dataset):
    text = client.get(reverse("collaborations:detail", args=[helix.pk])).content.decode()
    assert "Log in to see your access." in text
    assert "You have no access." not in text


def test_logged_in_visitor_sees_the_decision(logged_in, helix, dataset):
    text = logged_in.get(reverse("collaborations:detail", args=[helix.pk])).content.decode()
    assert ("You have no access." in text, "Log in to see your access." in text) == (True, False)


def test_people_without_a_name_are_left_out_of_the_directory(client, user, helix, cern):
    nameless = Person.objects.create(user=user)
    named = Person.objects.create(given_name="Anna", family_name="Ivanova")
    for person in (nameless, named):
        Affiliation.objects.create(person=person, institution=cern, start=D(2020, 1, 1))
    listed = client.get(reverse("people:list")).context["page"]
    assert list(listed) == [named]
    institution = client.get(reverse("institutions:detail", args=[cern.pk])).context["people"]
    assert list(institution) == [named]
    page = client.get(reverse("people:detail", args=[nameless.pk]))
    assert "<h1>(no name given)" in page.content.decode()


def test_members_without_a_name_are_not_empty_links(client, user, helix, cern):
    nameless = Person.objects.create(user=user)
    Membership.objects.create(
        collaboration=helix, person=nameless, institution=cern, start=D(2020, 1, 1)
    )
    text = client.get(reverse("collaborations:members", args=[helix.pk])).content.decode()
    assert '<td data-label="Name">(no name given)</td>' in text
    assert f'href="/people/{nameless.pk}/">,' not in text


def test_ending_a_membership_asks_first(client, staff, mover, helix):
    membership = Membership.objects.get(person=mover, end__isnull=True)
    client.force_login(staff)
    url = reverse("collaborations:end-membership", args=[helix.pk, membership.pk])
    page = client.get(url, {"end": "2026-06-30"})
    assert "End the membership of Anna Ivanova at Wuppertal U.?" in page.content.decode()
    assert page.context["form"].initial == {"end": "2026-06-30"}
    membership.refresh_from_db()
    assert membership.end is None
    client.post(url, {"end": "2026-06-30"})
    membership.refresh_from_db()
    assert membership.end == D(2026, 6, 30)


def test_ending_a_membership_without_a_date_is_a_form_error(client, staff, mover, helix):
    membership = Membership.objects.get(person=mover, end__isnull=True)
    client.force_login(staff)
    url = reverse("collaborations:end-membership", args=[helix.pk, membership.pk])
    response = client.post(url, {"end": ""})
    assert (response.status_code, list(response.context["form"].errors)) == (400, ["end"])
    membership.refresh_from_db()
    assert membership.end is None


def test_removing_an_affiliation_and_revoking_a_token_ask_first(logged_in, user, cern, token):
    person = Person.objects.create(user=user, given_name="Ada", family_name="L")
    affiliation = Affiliation.objects.create(person=person, institution=cern, start=D(2020, 1, 1))
    url = reverse("people:remove-affiliation", args=[affiliation.pk])
    assert b"Are you sure?" in logged_in.get(url).content
    assert Affiliation.objects.filter(pk=affiliation.pk).exists()
    api_token = ApiToken.objects.get(user=user)
    revoke = reverse("people:revoke-token", args=[api_token.pk])
    assert b"Are you sure?" in logged_in.get(revoke).content
    assert ApiToken.objects.filter(pk=api_token.pk).exists()
    logged_in.post(url)
    assert not Affiliation.objects.filter(pk=affiliation.pk).exists()


@pytest.mark.parametrize(
    ("language", "label"),
    [("uk", "Електронна пошта:"), ("ru", "Электронная почта:"), ("ar", "البريد الإلكتروني:")],
)
def test_email_label_of_the_login_form_is_translated(client, db, language, label):
    text = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<label for="id_login">{label}</label>' in text
