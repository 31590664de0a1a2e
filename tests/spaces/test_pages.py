import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from science4peace.collaborations.models import Membership
from science4peace.people.models import Person
from science4peace.spaces.domain import discussions, messaging
from science4peace.spaces.models import Announcement, Message, Post, Space, Thread
from tests.conftest import data_queries

from .conftest import auth

pytestmark = pytest.mark.django_db


def _count(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(data_queries(captured))


@pytest.mark.parametrize("htmx", [False, True])
def test_thread_list_takes_the_same_queries_for_one_and_three_threads(
    client, space, space_member, htmx
):
    client.force_login(space_member)
    url = reverse("spaces:detail", args=[space.pk])
    headers = {"HX-Request": "true"} if htmx else {}
    discussions.do_start_thread(space, actor=space_member, title="One", body="x")
    one = _count(client, url, **headers)
    for title in ["Two", "Three"]:
        discussions.do_start_thread(space, actor=space_member, title=title, body="x")
    assert _count(client, url, **headers) == one


def test_thread_page_takes_the_same_queries_for_one_and_three_replies(
    client, space_thread, space_member, space_colleague
):
    client.force_login(space_member)
    url = reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk])
    one = _count(client, url)
    first = space_thread.posts.get()
    for n in range(2):
        discussions.do_reply(
            space_thread,
            actor=space_colleague,
            body=f"reply {n}",
            quote=first.pk,
            mentions=[space_member.person.pk],
            attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")],
        )
    assert _count(client, url) == one


def test_posts_loaded_by_htmx_keep_their_actions_as_on_the_page(
    client, space_thread, space_member, space_colleague
):
    discussions.do_reply(space_thread, actor=space_colleague, body="a reply")
    client.force_login(space_member)
    url = reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk])
    page = client.get(url).content.decode()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()

    def actions(html: str) -> list[str]:
        return re.findall(r'href="\?quote=\d+#reply"|/report/"', html)

    assert actions(fragment) == actions(page)
    assert len(actions(fragment)) == 3  # quote both posts, report the colleague's


def test_reply_form_posts_a_reply_with_a_quote_and_a_mention(
    client, space_thread, space_colleague, space_member
):
    client.force_login(space_colleague)
    url = reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk])
    first = space_thread.posts.get()
    response = client.post(
        url, {"body": "Use **run 2**", "quote": first.pk, "mentions": [space_member.person.pk]}
    )
    reply = Post.objects.filter(thread=space_thread).last()
    assert response.url == f"{url}?page=last#post-{reply.pk}"
    assert (
        reply.body,
        reply.quote_id,
        list(reply.mentions.values_list("person_id", flat=True)),
    ) == (
        "Use **run 2**",
        first.pk,
        [space_member.person.pk],
    )
    page = client.get(url).content.decode()
    assert "<strong>run 2</strong>" in page


def test_reply_mentioning_a_non_member_is_a_form_error_naming_them(
    client, space_thread, space_member, space_outsider
):
    client.force_login(space_member)
    url = reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk])
    response = client.post(url, {"body": "hi", "mentions": [space_outsider.person.pk]})
    assert (response.status_code, space_thread.posts.count()) == (400, 1)
    assert (
        f"Not a member of this space, so cannot be mentioned: {space_outsider.person}."
        in response.content.decode()
    )


def _matches(response) -> list[str]:
    return re.findall(r'name="mentions" value="(\d+)"', response.content.decode())


def test_mention_picker_finds_only_the_members_of_the_space(
    client, space, space_member, space_colleague, space_admin, space_outsider
):
    client.force_login(space_member)
    url = reverse("spaces:pick-member", args=[space.pk])

    def search(q: str):
        query = {"field": "mentions", "multiple": "1", "mentions-q": q}
        return client.get(url, query, HTTP_HX_REQUEST="true")

    everyone, chen, dana = search("Family"), search("chen"), search("dana")
    # without JavaScript, the search page of its own lists the same members by name
    page = client.get(url, {"field": "mentions", "q": "chen"}).content.decode()
    members = sorted(
        [space_admin.person, space_member.person, space_colleague.person],
        key=lambda p: (p.family_name, p.given_name, p.pk),
    )
    assert (_matches(everyone), _matches(chen), _matches(dana)) == (
        [str(p.pk) for p in members],
        [str(space_colleague.person.pk)],
        [],
    )
    assert 'type="checkbox"' in everyone.content.decode()
    shown = (str(space_colleague.person) in page, str(space_outsider.person) in page)
    assert shown == (True, False)


def test_mention_picker_answers_nobody_who_may_not_post_in_the_space(client, space, space_outsider):
    url = reverse("spaces:pick-member", args=[space.pk])
    query = {"field": "mentions", "mentions-q": "Family"}
    anonymous = client.get(url, query)
    client.force_login(space_outsider)
    outsider = client.get(url, query)
    space.visibility = Space.Visibility.PUBLIC
    space.save(update_fields=["visibility"])
    reader = client.get(url, query)
    assert (anonymous.status_code, outsider.status_code, reader.status_code) == (404, 404, 403)
    assert [_matches(r) for r in (anonymous, outsider, reader)] == [[], [], []]


def test_reply_without_javascript_takes_the_one_member_whose_name_was_typed(
    client, space_thread, space_member, space_colleague
):
    client.force_login(space_member)
    url = reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk])
    response = client.post(url, {"body": "see this", "mentions-q": "chen"})
    reply = Post.objects.filter(thread=space_thread).last()
    assert (response.status_code, list(reply.mentions.values_list("person_id", flat=True))) == (
        302,
        [space_colleague.person.pk],
    )


def test_reply_without_javascript_offers_the_members_matching_a_name_shared_by_several(
    client, space_thread, space_member, space_colleague, space_admin
):
    client.force_login(space_member)
    url = reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk])
    response = client.post(url, {"body": "see this", "mentions-q": "Family"})
    assert (response.status_code, space_thread.posts.count()) == (400, 1)
    assert len(_matches(response)) == 3
    assert "3 match “Family”: choose one below." in response.content.decode()


def test_thread_page_does_not_grow_with_the_members_of_the_space(
    client, space_thread, space_member, space_collaboration, space_institute
):
    client.force_login(space_member)
    url = reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk])
    small = client.get(url).content
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"many{n}", email=f"many{n}@example.org") for n in range(300)
    )
    people = Person.objects.bulk_create(
        Person(user=user, given_name="Many", family_name=f"Member{n:04d}")
        for n, user in enumerate(get_user_model().objects.filter(pk__in=[u.pk for u in users]))
    )
    Membership.objects.bulk_create(
        Membership(
            collaboration=space_collaboration,
            person=person,
            institution=space_institute,
            start=dt.date(2020, 1, 1),
        )
        for person in people
    )
    big = client.get(url).content
    assert (len(big), b"Member0001" in big) == (len(small), False)


def test_announcement_form_publishes_for_administrators_only(
    client, space, space_admin, space_member
):
    url = reverse("spaces:announce", args=[space.pk])
    client.force_login(space_member)
    refused = client.post(url, {"title": "Mine", "body": "x"})
    client.force_login(space_admin)
    published = client.post(url, {"title": "Meeting", "body": "On $x^2$", "pinned": "on"})
    assert (refused.status_code, published.status_code) == (403, 302)
    assert list(Announcement.objects.values_list("title", "pinned")) == [("Meeting", True)]
    assert "<math" in client.get(reverse("spaces:detail", args=[space.pk])).content.decode()


def test_search_on_the_space_page(client, space, space_thread, space_member):
    client.force_login(space_member)
    page = client.get(reverse("spaces:detail", args=[space.pk]), {"q": "calibration"})
    assert [p.pk for p in page.context["results"]] == [space_thread.posts.get().pk]


def test_message_to_someone_who_blocked_you_is_a_clear_error(client, space_member, space_outsider):
    client.force_login(space_outsider)
    client.post(reverse("spaces:block", args=[space_member.person.pk]), {"blocked": "on"})
    client.force_login(space_member)
    response = client.post(
        reverse("spaces:conversation", args=[space_outsider.person.pk]), {"body": "hello"}
    )
    assert (response.status_code, Message.objects.count()) == (403, 0)
    assert "One of you blocked the other: no messages either way." in response.content.decode()


def test_conversation_page_shows_no_email_address(client, space_member, space_outsider):
    messaging.do_send_message(space_outsider.person, actor=space_member, body="Hello there")
    client.force_login(space_outsider)
    page = client.get(
        reverse("spaces:conversation", args=[space_member.person.pk])
    ).content.decode()
    assert ("Hello there" in page, space_member.email in page) == (True, False)


def test_api_thread_list_has_the_pages_order(client, space, space_member):
    for title in ["One", "Two", "Three"]:
        discussions.do_start_thread(space, actor=space_member, title=title, body="x")
    client.force_login(space_member)
    page = client.get(reverse("spaces:detail", args=[space.pk]))
    client.logout()
    api = client.get(f"/api/spaces/{space.pk}/threads", headers=auth(space_member)).json()
    assert [t["id"] for t in api["items"]] == [t.pk for t in page.context["page"]]


def test_api_start_reply_edit_and_message(client, space, space_member, space_colleague):
    headers = auth(space_member)
    started = client.post(
        f"/api/spaces/{space.pk}/threads",
        {"title": "Runs", "body": "Which?", "mentions": [space_colleague.person.pk]},
        content_type="application/json",
        headers=headers,
    )
    space_thread = Thread.objects.get(pk=started.json()["id"])
    replied = client.post(
        f"/api/spaces/{space.pk}/threads/{space_thread.pk}/posts",
        {"body": "Run 2"},
        content_type="application/json",
        headers=auth(space_colleague),
    )
    edited = client.put(
        f"/api/posts/{replied.json()['id']}",
        {"body": "Run 3"},
        content_type="application/json",
        headers=headers,
    )
    sent = client.post(
        f"/api/me/messages/{space_colleague.person.pk}",
        {"body": "thanks"},
        content_type="application/json",
        headers=headers,
    )
    assert (started.status_code, replied.status_code, edited.status_code, sent.status_code) == (
        201,
        201,
        403,
        201,
    )
    posts = client.get(f"/api/spaces/{space.pk}/threads/{space_thread.pk}/posts", headers=headers)
    assert [p["body"] for p in posts.json()["items"]] == ["Which?", "Run 2"]


def test_api_mention_of_a_non_member_is_a_400_naming_them(
    client, space, space_member, space_outsider
):
    response = client.post(
        f"/api/spaces/{space.pk}/threads",
        {"title": "Runs", "body": "Which?", "mentions": [space_outsider.person.pk]},
        content_type="application/json",
        headers=auth(space_member),
    )
    assert (response.status_code, Thread.objects.count()) == (400, 0)
    assert str(space_outsider.person) in str(response.json())


def test_api_message_to_someone_who_blocked_you_is_a_403(client, space_member, space_outsider):
    client.post(
        f"/api/me/blocks/{space_member.person.pk}",
        {"blocked": True},
        content_type="application/json",
        headers=auth(space_outsider),
    )
    response = client.post(
        f"/api/me/messages/{space_outsider.person.pk}",
        {"body": "hello"},
        content_type="application/json",
        headers=auth(space_member),
    )
    assert (response.status_code, Message.objects.count()) == (403, 0)


def test_a_reply_lands_on_the_last_page_of_a_long_thread(
    client, space_thread, space_member, settings
):
    for n in range(50):
        discussions.do_reply(space_thread, actor=space_member, body=f"reply {n}")
    client.force_login(space_member)
    url = reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk])
    response = client.post(url, {"body": "the newest word"})
    page = client.get(response.url.split("#")[0])
    assert (page.context["page"].number, "the newest word" in page.content.decode()) == (2, True)


def test_the_thread_page_gives_each_post_the_addresses_the_url_resolver_gives(
    client, space_thread, space_member, space_admin
):
    post = discussions.do_reply(
        space_thread,
        actor=space_member,
        body="a file",
        attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")],
    )
    client.force_login(space_admin)
    page = client.get(
        reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk])
    ).content.decode()
    for address in [
        reverse("spaces:conversation", args=[post.author_id]),
        reverse("spaces:report-post", args=[post.pk]),
        reverse("spaces:hide-post", args=[post.pk]),
        reverse("spaces:attachment", args=[post.attachments.get().pk]),
    ]:
        assert f'"{address}"' in page
    client.force_login(space_member)
    own = client.get(reverse("spaces:thread", args=[space_thread.space_id, space_thread.pk]))
    assert f'"{reverse("spaces:edit-post", args=[post.pk])}"' in own.content.decode()
