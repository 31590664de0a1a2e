"""``s4p catalog import FILE...``: import CERN Open Data record files with a progress bar."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MAX_PROBLEMS_SHOWN = 200


def add_parser(sub: Any) -> None:
    catalog = sub.add_parser("catalog", help="the catalog of open research records")
    actions = catalog.add_subparsers(dest="catalog_command", required=True)
    imp = actions.add_parser(
        "import",
        help="import CERN Open Data record files (JSON arrays, single records, API responses)",
    )
    imp.add_argument("paths", nargs="+", type=Path, help="files, or folders of *.json files")
    imp.add_argument(
        "--max-bytes", type=int, default=None, help="largest file read (default 32 MiB)"
    )
    imp.add_argument("--quiet", action="store_true", help="no progress bar")


def _files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    found: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(str(path))
    return found, missing


def run(args: argparse.Namespace) -> int:
    from rich.progress import Progress

    from science4peace.catalog.domain.imports import FileOutcome, do_import_records
    from science4peace.lib.opendata.records import MAX_FILE_BYTES

    files, missing = _files(args.paths)
    for name in missing:
        print(f"error: {name}: no such file or folder", file=sys.stderr)
    limit = args.max_bytes or MAX_FILE_BYTES

    def sources(advance: Any) -> Iterator[tuple[str, bytes]]:
        for path in files:
            size = path.stat().st_size
            # a file over the limit is not read at all; the importer reports it by its size
            yield str(path), (path.read_bytes() if size <= limit else b" " * (limit + 1))

    with Progress(disable=args.quiet, transient=True) as progress:
        task = progress.add_task("importing", total=len(files))

        def advance(outcome: FileOutcome) -> None:
            progress.update(task, advance=1, description=Path(outcome.source).name[:40])

        report = do_import_records(
            sources=sources(advance),
            actor=None,
            progress=advance,
            max_bytes=limit,
            check_actor=False,
        )
    problems = report.problems
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(problem, file=sys.stderr)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(f"... and {len(problems) - MAX_PROBLEMS_SHOWN} more", file=sys.stderr)
    for outcome in report.files:
        if outcome.errors and outcome.taken:
            print(
                f"{outcome.source}: {len(outcome.taken)} record(s) taken despite "
                f"{len(outcome.errors)} refused: " + " ".join(map(str, outcome.taken)),
                file=sys.stderr,
            )
    print(report.summary())
    return 1 if report.errors or missing else 0
