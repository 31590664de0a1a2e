import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from science4peace.core.models import AuditEntry
from science4peace.spaces.domain import discussions, moderation, queries, signals
from science4peace.spaces.interfaces.mail import announcement_mailer
from science4peace.spaces.models import Attachment, Mention, Post, PostRevision, Thread

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class Heard:
    """Collects what a signal was sent with."""

    def __init__(self, signal):
        self.calls: list[dict] = []
        self.signal = signal

    def __call__(self, sender, **kwargs):
        self.calls.append(kwargs)

    def __enter__(self):
        self.signal.connect(self, weak=False)
        return self

    def __exit__(self, *exc):
        self.signal.disconnect(self)


def test_announcements_pinned_first_then_newest(space, admin):
    first = discussions.do_announce(space, actor=admin, title="Old", body="a")
    pinned = discussions.do_announce(space, actor=admin, title="Pinned", body="b", pinned=True)
    last = discussions.do_announce(space, actor=admin, title="New", body="c")
    assert list(queries.announcements_of(space)) == [pinned, last, first]


def test_announcement_by_a_member_is_refused(space, member):
    with pytest.raises(ValidationError, match="administrators"):
        discussions.do_announce(space, actor=member, title="Mine", body="x")
    assert list(queries.announcements_of(space)) == []


def test_announcement_by_mail_reaches_every_member_in_their_language(
    space, admin, member, second_member, django_capture_on_commit_callbacks
):
    discussions.remember_language(second_member.person, "ru")
    with (
        Heard(signals.announcement_published) as heard,
        django_capture_on_commit_callbacks(execute=True),
    ):
        discussions.do_announce(
            space,
            actor=admin,
            title="Collaboration meeting",
            body="On **Monday**, $E=mc^2$.",
            mail=True,
            mailer=announcement_mailer("https://s4p.example.org/"),
        )
    sent = sorted((m.to[0], m.body.splitlines()[0]) for m in mail.outbox)
    assert sent == sorted(
        [
            (member.email, "An announcement in HELIX space:"),
            (second_member.email, "Объявление в HELIX space:"),
        ]
    )
    assert [sorted(p.pk for p in c["recipients"]) for c in heard.calls] == [
        sorted([member.person.pk, second_member.person.pk])
    ]


def test_reply_with_mention_records_it_and_tells_the_mentioned(
    thread, second_member, member, django_capture_on_commit_callbacks
):
    with (
        Heard(signals.person_mentioned) as mentioned,
        Heard(signals.post_created) as created,
        django_capture_on_commit_callbacks(execute=True),
    ):
        post = discussions.do_reply(
            thread,
            actor=second_member,
            body="Run 2, @Boris — see $\\sqrt{s}=13$ TeV",
            mentions=[member.person.pk],
        )
    assert list(Mention.objects.filter(post=post).values_list("person_id", flat=True)) == [
        member.person.pk
    ]
    assert [c["recipients"] for c in mentioned.calls] == [[member.person]]
    # the thread's author follows it and hears of the reply
    assert [c["recipients"] for c in created.calls] == [[member.person]]
    thread.refresh_from_db()
    assert (thread.reply_count, thread.last_activity) == (1, post.created)


def test_mention_of_a_non_member_is_an_error_and_changes_nothing(thread, member, outsider):
    with pytest.raises(ValidationError) as error:
        discussions.do_reply(thread, actor=member, body="hi", mentions=[outsider.person.pk])
    assert str(outsider.person) in str(error.value)
    assert Post.objects.filter(thread=thread).count() == 1


def test_quote_must_be_of_the_same_thread(space, thread, member):
    other = discussions.do_start_thread(space, actor=member, title="Other", body="x")
    with pytest.raises(ValidationError, match="quoted"):
        discussions.do_reply(thread, actor=member, body="y", quote=other.posts.get().pk)
    quoted = thread.posts.get()
    reply = discussions.do_reply(thread, actor=member, body="y", quote=quoted.pk)
    assert reply.quote == quoted


def test_edit_within_the_window_keeps_the_history(thread, member, settings):
    post = thread.posts.get()
    discussions.do_edit_post(post, actor=member, body="Which run? Run 2.")
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == [
        "Which run do we use?"
    ]
    Post.objects.filter(pk=post.pk).update(created=timezone.now() - dt.timedelta(minutes=31))
    post.refresh_from_db()
    with pytest.raises(ValidationError, match="only for a while"):
        discussions.do_edit_post(post, actor=member, body="late")
    post.refresh_from_db()
    assert post.body == "Which run? Run 2."


def test_edit_by_another_member_is_refused(thread, second_member):
    with pytest.raises(ValidationError):
        discussions.do_edit_post(thread.posts.get(), actor=second_member, body="mine now")


def test_attachments_pdf_and_image_are_kept(thread, member):
    post = discussions.do_reply(
        thread,
        actor=member,
        body="plots",
        attachments=[
            SimpleUploadedFile("note.pdf", PDF),
            SimpleUploadedFile("plot.png", PNG),
        ],
    )
    assert list(post.attachments.values_list("name", "content_type")) == [
        ("note.pdf", "application/pdf"),
        ("plot.png", "image/png"),
    ]


def test_wrong_attachment_type_is_an_error_and_changes_nothing(thread, member):
    with pytest.raises(ValidationError, match="not a PDF or an image"):
        discussions.do_reply(
            thread,
            actor=member,
            body="script",
            attachments=[SimpleUploadedFile("run.sh", b"#!/bin/sh\nrm -rf /\n")],
        )
    assert (Post.objects.filter(thread=thread).count(), Attachment.objects.count()) == (1, 0)


def test_attachment_over_the_limit_is_an_error(thread, member, settings):
    settings.S4P_SPACES_MAX_ATTACHMENT_BYTES = 100
    with pytest.raises(ValidationError, match="the limit is 100 bytes"):
        discussions.do_reply(
            thread,
            actor=member,
            body="big",
            attachments=[SimpleUploadedFile("big.pdf", PDF + b"x" * 200)],
        )
    assert Post.objects.filter(thread=thread).count() == 1


def test_search_finds_posts_by_their_words_and_titles(space, thread, member, admin):
    reply = discussions.do_reply(thread, actor=member, body="The muon chambers were aligned.")
    other = discussions.do_start_thread(space, actor=admin, title="Muon trigger", body="Rates")
    found = list(queries.search_posts(space, admin, "muon"))
    assert found == [other.posts.get(), reply]
    assert list(queries.search_posts(space, admin, '"muon chambers"')) == [reply]
    assert list(queries.search_posts(space, admin, "calibration ecal")) == [thread.posts.first()]
    discussions.do_edit_post(reply, actor=member, body="The tracker was aligned.")
    assert list(queries.search_posts(space, admin, "chambers")) == []


def test_search_of_too_long_a_query_is_an_error(space, admin):
    with pytest.raises(queries.SearchError, match="limit is 500"):
        list(queries.search_posts(space, admin, "x" * 501))


def test_follow_and_mute_are_shown_in_the_thread_list(space, thread, second_member):
    discussions.do_set_follow(thread, actor=second_member, state="mute")
    assert [t.subscription for t in queries.threads_of(space, second_member)] == ["mute"]
    discussions.do_set_follow(thread, actor=second_member, state="none")
    assert [t.subscription for t in queries.threads_of(space, second_member)] == [None]


def test_hidden_post_is_seen_by_its_author_with_the_reason_and_audited(
    thread, admin, member, second_member
):
    post = thread.posts.get()
    moderation.do_hide_post(post, actor=admin, reason="Off topic")
    assert list(queries.posts_of(thread, second_member)) == []
    assert [(p.pk, p.hidden_reason) for p in queries.posts_of(thread, member)] == [
        (post.pk, "Off topic")
    ]
    entry = AuditEntry.objects.get(action="space.post.hide")
    assert (entry.object_id, entry.after["hidden_reason"]) == (str(post.pk), "Off topic")


def test_hiding_needs_an_administrator_and_a_reason(thread, admin, member):
    post = thread.posts.get()
    with pytest.raises(ValidationError):
        moderation.do_hide_post(post, actor=member, reason="mine")
    with pytest.raises(ValidationError, match="reason"):
        moderation.do_hide_post(post, actor=admin, reason="  ")
    post.refresh_from_db()
    assert post.hidden_at is None


def test_locked_thread_takes_no_reply_from_members(thread, admin, member):
    moderation.do_lock_thread(thread, actor=admin)
    with pytest.raises(ValidationError, match="locked"):
        discussions.do_reply(thread, actor=member, body="one more")
    assert Thread.objects.get(pk=thread.pk).reply_count == 0


def test_report_is_recorded_once_per_member(thread, second_member):
    post = thread.posts.get()
    moderation.do_report_post(post, actor=second_member, reason="spam")
    moderation.do_report_post(post, actor=second_member, reason="insults")
    assert list(post.reports.values_list("reason", flat=True)) == ["insults"]


def test_blocked_people_do_not_see_each_others_threads_and_posts(
    space, thread, member, second_member
):
    reply = discussions.do_reply(thread, actor=second_member, body="Run 3")
    moderation.do_block(second_member.person, actor=member)
    assert list(queries.posts_of(thread, member)) == [thread.posts.first()]
    assert list(queries.threads_of(space, second_member)) == []
    moderation.do_block(second_member.person, actor=member, blocked=False)
    assert list(queries.posts_of(thread, member)) == [thread.posts.first(), reply]


def test_thread_list_takes_the_same_queries_for_one_and_three_threads(space, member, admin):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(queries.threads_of(space, member)[:25])
        return len(captured)

    discussions.do_start_thread(space, actor=admin, title="One", body="x")
    one = count()
    for title in ["Two", "Three"]:
        discussions.do_start_thread(space, actor=admin, title=title, body="x")
    assert (one, count()) == (one, one)


def test_not_a_member_may_not_post(space, outsider):
    with pytest.raises(ValidationError, match="members"):
        discussions.do_start_thread(space, actor=outsider, title="Hi", body="x")


def test_access_refuses_posting_to_non_members(space, outsider):
    from science4peace.spaces.domain.access import access_space

    space.visibility = "public"
    space.save()
    assert access_space(outsider, space.pk) == space
    with pytest.raises(PermissionDenied):
        access_space(outsider, space.pk, to="post")
