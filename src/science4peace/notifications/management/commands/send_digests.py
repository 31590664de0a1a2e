from django.core.management.base import BaseCommand

from science4peace.notifications.domain.digests import PERIODS, do_send_digests


class Command(BaseCommand):
    help = (
        "Write every due daily and weekly digest to the outbox (run it hourly from cron or a "
        "timer; each person gets at most one digest of a kind per period)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=sorted(PERIODS), action="append")

    def handle(self, *args, **options):
        for frequency in options["frequency"] or sorted(PERIODS):
            count = do_send_digests(frequency=frequency)
            self.stdout.write(f"{frequency}: {count} digest(s) queued")
