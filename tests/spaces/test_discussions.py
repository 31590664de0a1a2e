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


def test_announcements_pinned_first_then_newest(space, space_admin):
    first = discussions.do_announce(space, actor=space_admin, title="Old", body="a")
    pinned = discussions.do_announce(
        space, actor=space_admin, title="Pinned", body="b", pinned=True
    )
    last = discussions.do_announce(space, actor=space_admin, title="New", body="c")
    assert list(queries.announcements_of(space)) == [pinned, last, first]


def test_announcement_by_a_member_is_refused(space, space_member):
    with pytest.raises(ValidationError, match="administrators"):
        discussions.do_announce(space, actor=space_member, title="Mine", body="x")
    assert list(queries.announcements_of(space)) == []


def test_announcement_by_mail_reaches_every_member_in_their_language(
    space, space_admin, space_member, space_colleague, django_capture_on_commit_callbacks
):
    discussions.remember_language(space_colleague.person, "ru")
    with (
        Heard(signals.announcement_published) as heard,
        django_capture_on_commit_callbacks(execute=True),
    ):
        discussions.do_announce(
            space,
            actor=space_admin,
            title="Collaboration meeting",
            body="On **Monday**, $E=mc^2$.",
            mail=True,
        )
    sent = sorted((m.to[0], m.body.splitlines()[0]) for m in mail.outbox)
    assert sent == sorted(
        [
            (space_member.email, "An announcement in HELIX space:"),
            (space_colleague.email, "Объявление в HELIX space:"),
        ]
    )
    assert [sorted(p.pk for p in c["recipients"]) for c in heard.calls] == [
        sorted([space_member.person.pk, space_colleague.person.pk])
    ]


def test_reply_with_mention_records_it_and_tells_the_mentioned(
    space_thread, space_colleague, space_member, django_capture_on_commit_callbacks
):
    with (
        Heard(signals.person_mentioned) as mentioned,
        Heard(signals.post_created) as created,
        django_capture_on_commit_callbacks(execute=True),
    ):
        post = discussions.do_reply(
            space_thread,
            actor=space_colleague,
            body="Run 2, @Boris — see $\\sqrt{s}=13$ TeV",
            mentions=[space_member.person.pk],
        )
    assert list(Mention.objects.filter(post=post).values_list("person_id", flat=True)) == [
        space_member.person.pk
    ]
    assert [c["recipients"] for c in mentioned.calls] == [[space_member.person]]
    # the space_thread's author follows it and hears of the reply
    assert [c["recipients"] for c in created.calls] == [[space_member.person]]
    space_thread.refresh_from_db()
    assert (space_thread.reply_count, space_thread.last_activity) == (1, post.created)


def test_mention_of_a_non_member_is_an_error_and_changes_nothing(
    space_thread, space_member, space_outsider
):
    with pytest.raises(ValidationError) as error:
        discussions.do_reply(
            space_thread, actor=space_member, body="hi", mentions=[space_outsider.person.pk]
        )
    assert str(space_outsider.person) in str(error.value)
    assert Post.objects.filter(thread=space_thread).count() == 1


def test_quote_must_be_of_the_same_thread(space, space_thread, space_member):
    other = discussions.do_start_thread(space, actor=space_member, title="Other", body="x")
    with pytest.raises(ValidationError, match="quoted"):
        discussions.do_reply(space_thread, actor=space_member, body="y", quote=other.posts.get().pk)
    quoted = space_thread.posts.get()
    reply = discussions.do_reply(space_thread, actor=space_member, body="y", quote=quoted.pk)
    assert reply.quote == quoted


def test_edit_within_the_window_keeps_the_history(space_thread, space_member, settings):
    post = space_thread.posts.get()
    discussions.do_edit_post(post, actor=space_member, body="Which run? Run 2.")
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == [
        "Which run do we use?"
    ]
    Post.objects.filter(pk=post.pk).update(created=timezone.now() - dt.timedelta(minutes=31))
    post.refresh_from_db()
    with pytest.raises(ValidationError, match="only for a while"):
        discussions.do_edit_post(post, actor=space_member, body="late")
    post.refresh_from_db()
    assert post.body == "Which run? Run 2."


def test_edit_by_another_member_is_refused(space_thread, space_colleague):
    with pytest.raises(ValidationError):
        discussions.do_edit_post(space_thread.posts.get(), actor=space_colleague, body="mine now")


def test_attachments_pdf_and_image_are_kept(space_thread, space_member):
    post = discussions.do_reply(
        space_thread,
        actor=space_member,
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


def test_wrong_attachment_type_is_an_error_and_changes_nothing(space_thread, space_member):
    with pytest.raises(ValidationError, match="not a PDF or an image"):
        discussions.do_reply(
            space_thread,
            actor=space_member,
            body="script",
            attachments=[SimpleUploadedFile("run.sh", b"#!/bin/sh\nrm -rf /\n")],
        )
    assert (Post.objects.filter(thread=space_thread).count(), Attachment.objects.count()) == (
        1,
        0,
    )


def test_attachment_over_the_limit_is_an_error(space_thread, space_member, settings):
    settings.S4P_SPACES_MAX_ATTACHMENT_BYTES = 100
    with pytest.raises(ValidationError, match="the limit is 100 bytes"):
        discussions.do_reply(
            space_thread,
            actor=space_member,
            body="big",
            attachments=[SimpleUploadedFile("big.pdf", PDF + b"x" * 200)],
        )
    assert Post.objects.filter(thread=space_thread).count() == 1


def test_search_finds_posts_by_their_words_and_titles(
    space, space_thread, space_member, space_admin
):
    reply = discussions.do_reply(
        space_thread, actor=space_member, body="The muon chambers were aligned."
    )
    other = discussions.do_start_thread(
        space, actor=space_admin, title="Muon trigger", body="Rates"
    )
    found = list(queries.search_posts(space, space_admin, "muon"))
    assert found == [other.posts.get(), reply]
    assert list(queries.search_posts(space, space_admin, '"muon chambers"')) == [reply]
    assert list(queries.search_posts(space, space_admin, "calibration ecal")) == [
        space_thread.posts.first()
    ]
    discussions.do_edit_post(reply, actor=space_member, body="The tracker was aligned.")
    assert list(queries.search_posts(space, space_admin, "chambers")) == []


def test_search_of_too_long_a_query_is_an_error(space, space_admin):
    with pytest.raises(queries.SearchError, match="limit is 500"):
        list(queries.search_posts(space, space_admin, "x" * 501))


def test_follow_and_mute_are_shown_in_the_thread_list(space, space_thread, space_colleague):
    discussions.do_set_follow(space_thread, actor=space_colleague, state="mute")
    assert [t.subscription for t in queries.threads_of(space, space_colleague)] == ["mute"]
    discussions.do_set_follow(space_thread, actor=space_colleague, state="none")
    assert [t.subscription for t in queries.threads_of(space, space_colleague)] == [None]


def test_hidden_post_is_seen_by_its_author_with_the_reason_and_audited(
    space_thread, space_admin, space_member, space_colleague
):
    post = space_thread.posts.get()
    moderation.do_hide_post(post, actor=space_admin, reason="Off topic")
    assert list(queries.posts_of(space_thread, space_colleague)) == []
    assert [(p.pk, p.hidden_reason) for p in queries.posts_of(space_thread, space_member)] == [
        (post.pk, "Off topic")
    ]
    entry = AuditEntry.objects.get(action="space.post.hide")
    assert (entry.object_id, entry.after["hidden_reason"]) == (str(post.pk), "Off topic")


def test_hiding_needs_an_administrator_and_a_reason(space_thread, space_admin, space_member):
    post = space_thread.posts.get()
    with pytest.raises(ValidationError):
        moderation.do_hide_post(post, actor=space_member, reason="mine")
    with pytest.raises(ValidationError, match="reason"):
        moderation.do_hide_post(post, actor=space_admin, reason="  ")
    post.refresh_from_db()
    assert post.hidden_at is None


def test_locked_thread_takes_no_reply_from_members(space_thread, space_admin, space_member):
    moderation.do_lock_thread(space_thread, actor=space_admin)
    with pytest.raises(ValidationError, match="locked"):
        discussions.do_reply(space_thread, actor=space_member, body="one more")
    assert Thread.objects.get(pk=space_thread.pk).reply_count == 0


def test_report_is_recorded_once_per_member(space_thread, space_colleague):
    post = space_thread.posts.get()
    moderation.do_report_post(post, actor=space_colleague, reason="spam")
    moderation.do_report_post(post, actor=space_colleague, reason="insults")
    assert list(post.reports.values_list("reason", flat=True)) == ["insults"]


def test_blocked_people_do_not_see_each_others_threads_and_posts(
    space, space_thread, space_member, space_colleague
):
    reply = discussions.do_reply(space_thread, actor=space_colleague, body="Run 3")
    moderation.do_block(space_colleague.person, actor=space_member)
    assert list(queries.posts_of(space_thread, space_member)) == [space_thread.posts.first()]
    assert list(queries.threads_of(space, space_colleague)) == []
    moderation.do_block(space_colleague.person, actor=space_member, blocked=False)
    assert list(queries.posts_of(space_thread, space_member)) == [space_thread.posts.first(), reply]


def test_thread_list_takes_the_same_queries_for_one_and_three_threads(
    space, space_member, space_admin
):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(queries.threads_of(space, space_member)[:25])
        return len(captured)

    discussions.do_start_thread(space, actor=space_admin, title="One", body="x")
    one = count()
    for title in ["Two", "Three"]:
        discussions.do_start_thread(space, actor=space_admin, title=title, body="x")
    assert (one, count()) == (one, one)


def test_not_a_member_may_not_post(space, space_outsider):
    with pytest.raises(ValidationError, match="members"):
        discussions.do_start_thread(space, actor=space_outsider, title="Hi", body="x")


def test_access_refuses_posting_to_non_members(space, space_outsider):
    from science4peace.spaces.domain.access import access_space

    space.visibility = "public"
    space.save()
    assert access_space(space_outsider, space.pk) == space
    with pytest.raises(PermissionDenied):
        access_space(space_outsider, space.pk, to="post")
