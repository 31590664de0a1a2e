import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from science4peace.spaces.domain import discussions, messaging
from science4peace.spaces.models import Announcement, Message, Post, Thread
from tests.conftest import data_queries

from .conftest import auth

pytestmark = pytest.mark.django_db


def _count(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(data_queries(captured))


@pytest.mark.parametrize("htmx", [False, True])
def test_thread_list_takes_the_same_queries_for_one_and_three_threads(client, space, member, htmx):
    client.force_login(member)
    url = reverse("spaces:detail", args=[space.pk])
    headers = {"HX-Request": "true"} if htmx else {}
    discussions.do_start_thread(space, actor=member, title="One", body="x")
    one = _count(client, url, **headers)
    for title in ["Two", "Three"]:
        discussions.do_start_thread(space, actor=member, title=title, body="x")
    assert _count(client, url, **headers) == one


def test_thread_page_takes_the_same_queries_for_one_and_three_replies(
    client, thread, member, second_member
):
    client.force_login(member)
    url = reverse("spaces:thread", args=[thread.space_id, thread.pk])
    one = _count(client, url)
    first = thread.posts.get()
    for n in range(2):
        discussions.do_reply(
            thread,
            actor=second_member,
            body=f"reply {n}",
            quote=first.pk,
            mentions=[member.person.pk],
            attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")],
        )
    assert _count(client, url) == one


def test_reply_form_posts_a_reply_with_a_quote_and_a_mention(client, thread, second_member, member):
    client.force_login(second_member)
    url = reverse("spaces:thread", args=[thread.space_id, thread.pk])
    first = thread.posts.get()
    response = client.post(
        url, {"body": "Use **run 2**", "quote": first.pk, "mentions": [member.person.pk]}
    )
    reply = Post.objects.filter(thread=thread).last()
    assert response.url == f"{url}?page=last#post-{reply.pk}"
    assert (
        reply.body,
        reply.quote_id,
        list(reply.mentions.values_list("person_id", flat=True)),
    ) == (
        "Use **run 2**",
        first.pk,
        [member.person.pk],
    )
    page = client.get(url).content.decode()
    assert "<strong>run 2</strong>" in page


def test_reply_mentioning_a_non_member_is_a_form_error(client, thread, member, outsider):
    client.force_login(member)
    url = reverse("spaces:thread", args=[thread.space_id, thread.pk])
    response = client.post(url, {"body": "hi", "mentions": [outsider.person.pk]})
    assert (response.status_code, thread.posts.count()) == (400, 1)
    assert "Select a valid choice" in response.content.decode()


def test_announcement_form_publishes_for_administrators_only(client, space, admin, member):
    url = reverse("spaces:announce", args=[space.pk])
    client.force_login(member)
    refused = client.post(url, {"title": "Mine", "body": "x"})
    client.force_login(admin)
    published = client.post(url, {"title": "Meeting", "body": "On $x^2$", "pinned": "on"})
    assert (refused.status_code, published.status_code) == (403, 302)
    assert list(Announcement.objects.values_list("title", "pinned")) == [("Meeting", True)]
    assert "<math" in client.get(reverse("spaces:detail", args=[space.pk])).content.decode()


def test_search_on_the_space_page(client, space, thread, member):
    client.force_login(member)
    page = client.get(reverse("spaces:detail", args=[space.pk]), {"q": "calibration"})
    assert [p.pk for p in page.context["results"]] == [thread.posts.get().pk]


def test_message_to_someone_who_blocked_you_is_a_clear_error(client, member, outsider):
    client.force_login(outsider)
    client.post(reverse("spaces:block", args=[member.person.pk]), {"blocked": "on"})
    client.force_login(member)
    response = client.post(
        reverse("spaces:conversation", args=[outsider.person.pk]), {"body": "hello"}
    )
    assert (response.status_code, Message.objects.count()) == (403, 0)
    assert "One of you blocked the other: no messages either way." in response.content.decode()


def test_conversation_page_shows_no_email_address(client, member, outsider):
    messaging.do_send_message(outsider.person, actor=member, body="Hello there")
    client.force_login(outsider)
    page = client.get(reverse("spaces:conversation", args=[member.person.pk])).content.decode()
    assert ("Hello there" in page, member.email in page) == (True, False)


def test_api_thread_list_has_the_pages_order(client, space, member):
    for title in ["One", "Two", "Three"]:
        discussions.do_start_thread(space, actor=member, title=title, body="x")
    client.force_login(member)
    page = client.get(reverse("spaces:detail", args=[space.pk]))
    client.logout()
    api = client.get(f"/api/spaces/{space.pk}/threads", headers=auth(member)).json()
    assert [t["id"] for t in api["items"]] == [t.pk for t in page.context["page"]]


def test_api_start_reply_edit_and_message(client, space, member, second_member):
    headers = auth(member)
    started = client.post(
        f"/api/spaces/{space.pk}/threads",
        {"title": "Runs", "body": "Which?", "mentions": [second_member.person.pk]},
        content_type="application/json",
        headers=headers,
    )
    thread = Thread.objects.get(pk=started.json()["id"])
    replied = client.post(
        f"/api/spaces/{space.pk}/threads/{thread.pk}/posts",
        {"body": "Run 2"},
        content_type="application/json",
        headers=auth(second_member),
    )
    edited = client.put(
        f"/api/posts/{replied.json()['id']}",
        {"body": "Run 3"},
        content_type="application/json",
        headers=headers,
    )
    sent = client.post(
        f"/api/me/messages/{second_member.person.pk}",
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
    posts = client.get(f"/api/spaces/{space.pk}/threads/{thread.pk}/posts", headers=headers)
    assert [p["body"] for p in posts.json()["items"]] == ["Which?", "Run 2"]


def test_api_mention_of_a_non_member_is_a_400_naming_them(client, space, member, outsider):
    response = client.post(
        f"/api/spaces/{space.pk}/threads",
        {"title": "Runs", "body": "Which?", "mentions": [outsider.person.pk]},
        content_type="application/json",
        headers=auth(member),
    )
    assert (response.status_code, Thread.objects.count()) == (400, 0)
    assert str(outsider.person) in str(response.json())


def test_api_message_to_someone_who_blocked_you_is_a_403(client, member, outsider):
    client.post(
        f"/api/me/blocks/{member.person.pk}",
        {"blocked": True},
        content_type="application/json",
        headers=auth(outsider),
    )
    response = client.post(
        f"/api/me/messages/{outsider.person.pk}",
        {"body": "hello"},
        content_type="application/json",
        headers=auth(member),
    )
    assert (response.status_code, Message.objects.count()) == (403, 0)
