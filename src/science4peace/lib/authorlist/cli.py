"""``s4p authorlist``: convert an author list between formats under a policy, or audit it.
Needs no database. On any error it prints the reason, writes nothing and exits with 2."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from .audit import audit, report
from .formats import FORMATS, render
from .model import AuthorListError
from .parse import parse
from .policy import EQUAL_AFFILIATIONS, POLICIES


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("authorlist", help="convert or audit collaboration author lists")
    commands = parser.add_subparsers(dest="authorlist_command", required=True)
    convert = commands.add_parser("convert", help="convert to another format under a policy")
    convert.add_argument("input", type=Path)
    convert.add_argument("--to", required=True, choices=FORMATS, dest="fmt")
    convert.add_argument("--policy", default=EQUAL_AFFILIATIONS, choices=POLICIES)
    convert.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    convert.add_argument(
        "--allow-invalid-ids",
        action="store_true",
        help="leave invalid ORCID iDs out instead of stopping",
    )
    convert.add_argument(
        "--particles",
        choices=["include", "ignore"],
        default="include",
        help='sort "van der Berg" under V (include) or B (ignore)',
    )
    convert.add_argument(
        "--keep-order",
        action="store_true",
        help="keep the input order instead of sorting alphabetically",
    )
    convert.set_defaults(func=run_convert)
    check = commands.add_parser("audit", help="check whether every author is treated alike")
    check.add_argument("input", type=Path)
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=run_audit)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise AuthorListError(f"{path}: {exc.strerror}") from exc


def _write(path: Path, text: str) -> None:
    """All or nothing: a temporary file renamed over the target."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


def run_convert(args: argparse.Namespace) -> int:
    authorlist = parse(_read(args.input))
    for warning in authorlist.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    text = render(
        authorlist,
        args.fmt,
        args.policy,
        alphabetic=not args.keep_order,
        particles=args.particles == "include",
        allow_invalid_ids=args.allow_invalid_ids,
    )
    if args.output:
        _write(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def run_audit(args: argparse.Namespace) -> int:
    result = audit(parse(_read(args.input)))
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(report(result))
    return 0


def run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except AuthorListError as exc:
        print(f"s4p authorlist: {args.input}: {exc}", file=sys.stderr)
        return 2
