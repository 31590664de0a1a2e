"""Non-members are refused through pages, fragments and the API; no access or messaging
decision reads a country or a location."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from science4peace.institutions.models import Country, Institution
from science4peace.people.models import Person
from science4peace.spaces import rules
from science4peace.spaces.domain import discussions, messaging

from .conftest import auth

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _urls(space, space_thread):
    return [
        reverse("spaces:detail", args=[space.pk]),
        reverse("spaces:thread", args=[space.pk, space_thread.pk]),
        reverse("spaces:new-thread", args=[space.pk]),
    ]


def _api(space, space_thread):
    return [
        f"/api/spaces/{space.pk}",
        f"/api/spaces/{space.pk}/threads",
        f"/api/spaces/{space.pk}/announcements",
        f"/api/spaces/{space.pk}/search?q=run",
        f"/api/spaces/{space.pk}/threads/{space_thread.pk}/posts",
    ]


@pytest.mark.parametrize("kind", ["space", "project_space", "event_space"])
def test_non_members_are_refused_by_pages_fragments_and_api(
    request, kind, client, space_outsider, space_member
):
    space = request.getfixturevalue(kind)
    space_thread = discussions.do_start_thread(
        space, actor=space_member, title="Runs", body="Which run?"
    )
    client.force_login(space_outsider)
    pages = [client.get(url).status_code for url in _urls(space, space_thread)]
    fragments = [client.get(url, headers=HTMX).status_code for url in _urls(space, space_thread)]
    client.logout()
    headers = auth(space_outsider)
    api = [client.get(url, headers=headers).status_code for url in _api(space, space_thread)]
    anonymous = [client.get(url).status_code for url in _api(space, space_thread)]
    written = client.post(
        f"/api/spaces/{space.pk}/threads/{space_thread.pk}/posts",
        {"body": "let me in"},
        content_type="application/json",
        headers=headers,
    )
    assert (pages, fragments, api, anonymous, written.status_code) == (
        [404, 404, 404],
        [404, 404, 404],
        [404] * 5,
        [404] * 5,
        404,
    )
    assert space_thread.posts.count() == 1


@pytest.mark.parametrize("kind", ["space", "project_space", "event_space"])
def test_members_read_pages_fragments_and_api(request, kind, client, space_member):
    space = request.getfixturevalue(kind)
    space_thread = discussions.do_start_thread(
        space, actor=space_member, title="Runs", body="Which run?"
    )
    client.force_login(space_member)
    pages = [client.get(url).status_code for url in _urls(space, space_thread)]
    client.logout()
    api = [
        client.get(url, headers=auth(space_member)).status_code for url in _api(space, space_thread)
    ]
    assert (pages, api) == ([200, 200, 200], [200] * 5)


def test_public_space_is_readable_by_everyone_but_writable_by_members(
    client, space, space_thread, space_outsider
):
    space.visibility = "public"
    space.save()
    page = client.get(reverse("spaces:thread", args=[space.pk, space_thread.pk]))
    client.force_login(space_outsider)
    new = client.get(reverse("spaces:new-thread", args=[space.pk]))
    assert (page.status_code, "Which run do we use?" in page.content.decode(), new.status_code) == (
        200,
        True,
        403,
    )


def _decisions(users, space, space_thread) -> list[bool]:
    people = [u.person for u in users]
    found = []
    for user in users:
        found += [
            rules.can_read(user, space),
            rules.can_post(user, space),
            rules.is_administrator(user, space),
            rules.can_reply(user, space_thread),
        ]
    for a in people:
        for b in people:
            found.append(rules.can_write_first(a, b))
    return found


@settings(max_examples=15, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_countries_and_locations_never_change_a_decision(
    data,
    space,
    space_thread,
    space_admin,
    space_member,
    space_colleague,
    space_outsider,
    space_institute,
):
    users = [space_admin, space_member, space_colleague, space_outsider]
    messaging.do_set_message_settings(actor=space_colleague, first_contact="shared")
    before = _decisions(users, space, space_thread)
    codes = list(Country.objects.values_list("code", flat=True)[:50])
    for user in users:
        Person.objects.filter(pk=user.person.pk).update(
            location_country_id=data.draw(st.sampled_from([None, *codes])),
            city=data.draw(st.sampled_from(["", "Moscow", "Kyiv", "Tehran", "Geneva"])),
        )
    Institution.objects.filter(pk=space_institute.pk).update(
        country_id=data.draw(st.sampled_from(codes))
    )
    for user in users:
        user.person.refresh_from_db()
    assert _decisions(users, space, space_thread) == before
