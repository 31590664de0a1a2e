from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from science4peace.institutions.domain.institutions import do_import_organisations
from science4peace.lib.orgrecords import OrgSourceError, parse_organisations


class Command(BaseCommand):
    help = "Import institutions from an INSPIRE authors.xml or ROR v2 JSON (format detected)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files: list[Path], **options) -> None:
        for path in files:
            try:
                records = parse_organisations(path.read_bytes())
            except (OSError, OrgSourceError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
            try:
                report = do_import_organisations(records, actor=None)
            except ValidationError as exc:
                raise CommandError(f"{path}: {' '.join(exc.messages)}") from exc
            self.stdout.write(f"{path}: {report.summary()}")
