from django.core.management.base import BaseCommand

from science4peace.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent)."

    def handle(self, *args, **options) -> None:
        people, institutions = load_demo()
        self.stdout.write(f"demo data: {people} people, {institutions} institutions")
