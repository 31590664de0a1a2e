import sys

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandParser
from django.http import Http404

from science4peace.lib.authorlist.formats import FORMATS
from science4peace.lib.authorlist.model import AuthorListError
from science4peace.lib.authorlist.policy import POLICIES
from science4peace.papers.domain.access import access_paper
from science4peace.papers.interfaces.authorlists import render_paper_authorlist


class Command(BaseCommand):
    help = (
        "Write a paper's frozen author list to standard output, as the paper page and "
        "GET /api/papers/N/authorlist give it. On an error nothing is written to standard "
        "output, the reason goes to standard error and the exit status is 2 (as for "
        "s4p authorlist)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paper", type=int, help="the paper's id")
        parser.add_argument("--to", dest="fmt", default="json", help=", ".join(FORMATS))
        parser.add_argument(
            "--policy", default="", help=f"{', '.join(POLICIES)} (default: the paper's)"
        )

    def handle(self, *args, paper: int, fmt: str, policy: str, **options) -> None:
        try:
            found = access_paper(AnonymousUser(), paper)
            rendered = render_paper_authorlist(found, policy=policy, fmt=fmt)
        except (Http404, AuthorListError) as error:
            self.stderr.write(f"s4p manage paper_authorlist: paper {paper}: {error}")
            sys.exit(2)
        self.stdout.write(rendered.text, ending="")
