"""Uploads that no row names any more are found and removed after a grace period
(core/sweep.py, ``s4p manage sweep_uploads``); the files rows still name, and young ones, stay."""

import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from science4peace.core import sweep
from science4peace.spaces.domain import discussions

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def reply_with(space_thread, space_member, name: str):
    return discussions.do_reply(
        space_thread,
        actor=space_member,
        body="see the file",
        attachments=[SimpleUploadedFile(name, PDF)],
    )


def age(name: str, days: float) -> None:
    then = (timezone.now() - dt.timedelta(days=days)).timestamp()
    os.utime(default_storage.path(name), (then, then))


def test_an_upload_whose_transaction_rolled_back_is_found_once_past_the_grace(
    space_thread, space_member
):
    kept = reply_with(space_thread, space_member, "kept.pdf").attachments.get().file.name

    @transaction.atomic
    def reply_then_fail():
        reply_with(space_thread, space_member, "lost.pdf")
        raise RuntimeError("a later step failed")

    with pytest.raises(RuntimeError):
        reply_then_fail()
    lost = [n for n in sweep._files(default_storage, "spaces/") if n != kept]
    assert [n.rsplit("/", 1)[-1] for n in lost] == ["lost.pdf"]
    assert sweep.find() == sweep.Found([], [])  # younger than a day: maybe still being saved
    age(lost[0], 2)
    age(kept, 2)
    assert sweep.find() == sweep.Found(lost, [])
    assert sweep.sweep() == sweep.Found(lost, [])
    assert (default_storage.exists(lost[0]), default_storage.exists(kept)) == (False, True)


def test_a_deleted_posts_file_is_an_orphan(space_thread, space_member):
    post = reply_with(space_thread, space_member, "gone.pdf")
    name = post.attachments.get().file.name
    post.attachments.all().delete()
    age(name, 3)
    assert sweep.find().orphans == [name]


def test_cached_book_pdfs_go_after_a_week_and_are_never_orphans():
    old = default_storage.save("books/" + "a" * 64 + ".pdf", ContentFile(PDF))
    new = default_storage.save("books/" + "b" * 64 + ".pdf", ContentFile(PDF))
    age(old, 8)
    age(new, 2)
    assert sweep.find() == sweep.Found([], [old])


def test_the_command_lists_by_default_and_deletes_only_when_asked(
    space_thread, space_member, capsys
):
    name = reply_with(space_thread, space_member, "x.pdf").attachments.get().file.name
    space_thread.posts.get(attachments__isnull=False).attachments.all().delete()
    age(name, 2)
    call_command("sweep_uploads")
    assert capsys.readouterr().out.splitlines() == [
        f"orphan upload: {name}",
        "would remove 1 orphan upload(s) and 0 stale cache file(s)",
    ]
    assert default_storage.exists(name)
    call_command("sweep_uploads", "--delete")
    assert capsys.readouterr().out.splitlines()[-1] == (
        "removed 1 orphan upload(s) and 0 stale cache file(s)"
    )
    assert not default_storage.exists(name)


def test_a_grace_under_an_hour_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("sweep_uploads", "--grace-hours", "0.1")


def test_every_file_field_of_the_platform_has_its_folder():
    folders = sweep.upload_folders()
    assert sorted(folders) == [
        "abstracts/",
        "applications/",
        "papers/drafts/",
        "resources/",
        "slides/",
        "spaces/",
    ]
