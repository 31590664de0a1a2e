import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from science4peace.core.sweep import GRACE, find, sweep


class Command(BaseCommand):
    help = (
        "List, or with --delete remove, uploaded files that no row names any more (an upload "
        "whose transaction rolled back, a deleted or replaced file) and cached book PDFs past "
        "their age. Run it daily from cron or a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="remove the files (default: only list them)"
        )
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=GRACE.total_seconds() / 3600,
            help="leave files younger than this alone (default 24)",
        )

    def handle(self, *args, **options):
        if options["grace_hours"] < 1:
            raise CommandError("--grace-hours must be at least 1: younger uploads may be in use")
        grace = dt.timedelta(hours=options["grace_hours"])
        found = sweep(grace=grace) if options["delete"] else find(grace=grace)
        verb = "removed" if options["delete"] else "would remove"
        for name in found.orphans:
            self.stdout.write(f"orphan upload: {name}")
        for name in found.stale:
            self.stdout.write(f"stale cache file: {name}")
        self.stdout.write(
            f"{verb} {len(found.orphans)} orphan upload(s) and {len(found.stale)} stale cache "
            "file(s)"
        )
