from django.core.management.base import BaseCommand

from science4peace.review.domain.schools import do_pass_on_lapsed


class Command(BaseCommand):
    help = (
        "Pass every school place not confirmed by its deadline to the next applicant on the "
        "ranked list and tell both (run it every few minutes from cron or a timer)."
    )

    def handle(self, *args, **options):
        passed = do_pass_on_lapsed()
        made = sum(len(new) for _, new in passed)
        self.stdout.write(f"{len(passed)} place(s) passed on, {made} new offer(s)")
