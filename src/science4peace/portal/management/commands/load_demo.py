from django.core.management.base import BaseCommand

from science4peace.catalog.demo import load_demo as load_catalog
from science4peace.collaborations.demo import load_demo as load_collaborations
from science4peace.events.demo import load_demo as load_events
from science4peace.institutions.models import Institution
from science4peace.papers.demo import load_demo as load_papers
from science4peace.people.demo import load_demo as load_people
from science4peace.people.models import Person
from science4peace.projects.demo import load_demo as load_projects
from science4peace.spaces.demo import load_demo as load_spaces


class Command(BaseCommand):
    help = "Load the demo data (idempotent)."

    def handle(self, *args, **options) -> None:
        load_people()
        collaborations = load_collaborations()
        papers = load_papers()
        events = load_events()
        records = load_catalog()
        projects = load_projects()
        spaces = load_spaces()
        people, institutions = Person.objects.count(), Institution.objects.count()
        self.stdout.write(
            f"demo data: {people} people, {institutions} institutions, "
            f"{collaborations} collaborations, {papers} papers, {events} events, "
            f"{records} open-data records, {projects} projects, {spaces} spaces"
        )
