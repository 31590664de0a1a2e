from django.core.management.base import BaseCommand

from science4peace.events.domain.reminders import do_send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders of sessions that start within their event's lead time (run it "
        "every few minutes from cron or a timer; each session is reminded once)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{do_send_reminders()} reminder(s) queued")
