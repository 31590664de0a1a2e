"""The ``s4p`` command: demo, serve, worker, check, and every Django management command."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from science4peace.catalog import cli as catalog_cli
from science4peace.lib.authorlist import cli as authorlist_cli
from science4peace.lib.footprint import cli as footprint_cli
from science4peace.lib.scheduling import cli as schedule_cli


def _setup(environ_defaults: dict[str, str] | None = None) -> None:
    for key, value in (environ_defaults or {}).items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)


def _manage(*argv: str) -> None:
    from django.core.management import call_command

    call_command(*argv)


def _demo_secret(var_dir: Path) -> str:
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def gunicorn_argv(bind: str, workers: int, timeout: int = 60, preload: bool = True) -> list[str]:
    """The command line ``s4p serve`` and ``s4p demo`` give gunicorn. With ``preload`` the
    master imports the application (and every view, see ``wsgi.py``) once and the workers
    are forked from it, so none spends its first request importing."""
    return [
        "gunicorn",
        "science4peace.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--timeout",
        str(timeout),
        *(["--preload"] if preload else []),
        "--access-logfile",
        "-",
    ]


def _gunicorn(argv: list[str]) -> None:
    from django.db import connections
    from gunicorn.app.wsgiapp import run

    connections.close_all()  # no connection of the master may be inherited by the workers
    sys.argv = argv
    run()


def mail_destination() -> str:
    """Where this process's mail goes, in one sentence for the console."""
    from django.conf import settings

    backend = settings.S4P_EMAIL_DELIVERY_BACKEND
    queued = " (queued; run `s4p worker` to deliver it)" if settings.VALUES["EMAIL_QUEUE"] else ""
    if backend.endswith("console.EmailBackend"):
        return f"Mail is printed on this console{queued}."
    if backend.endswith("smtp.EmailBackend"):
        return f"Mail is sent through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}{queued}."
    if backend.endswith("locmem.EmailBackend"):
        return "Mail is kept in memory and not delivered (S4P_EMAIL_URL=memory:)."
    return f"Mail goes to {backend}{queued}."


def cmd_demo(args: argparse.Namespace) -> None:
    var_dir = Path(os.environ.get("S4P_VAR_DIR", Path.cwd() / "var"))
    _setup(
        {
            "S4P_VAR_DIR": str(var_dir),
            "S4P_SECRET_KEY": _demo_secret(var_dir),
            "S4P_ALLOWED_HOSTS": f"localhost,127.0.0.1,[::1],{args.host}",
            "S4P_PAGE_PREWARM": "false",  # the demo runs no worker
        }
    )
    print(f"== demo: applying the migrations to the embedded database in {var_dir}", flush=True)
    _manage("migrate", "--no-input", "--verbosity", "0")
    print("== demo: collecting static files", flush=True)
    _manage("collectstatic", "--no-input", "--verbosity", "0")
    print("== demo: loading the demo data", flush=True)
    _manage("load_demo")
    shown = "localhost" if args.host in {"0.0.0.0", "127.0.0.1", "::"} else args.host  # noqa: S104
    print(
        f"\nScience4Peace demo: open http://{shown}:{args.port}/ "
        f"(log in as admin@demo.science4peace.org / demo-admin-password)\n"
        f"{mail_destination()}\n",
        flush=True,
    )
    from django.conf import settings

    _gunicorn(
        gunicorn_argv(
            f"{args.host}:{args.port}",
            args.workers,
            settings.S4P_WORKER_TIMEOUT,
            settings.S4P_PRELOAD,
        )
    )


def cmd_serve(args: argparse.Namespace) -> None:
    _setup()
    from django.conf import settings

    _manage("collectstatic", "--no-input", "--verbosity", "0")
    argv = gunicorn_argv(
        args.bind or settings.S4P_BIND,
        args.workers or settings.S4P_WORKERS,
        settings.S4P_WORKER_TIMEOUT,
        settings.S4P_PRELOAD,
    )
    if args.print_config:
        argv.append("--print-config")  # gunicorn prints what it would run with, and exits
    _gunicorn(argv)


def cmd_worker(rest: list[str]) -> None:
    _setup()
    _manage("db_worker", *rest)


def cmd_manage(rest: list[str]) -> None:
    """Django's own command-line handling: ``--help``, and a ``CommandError`` printed as one
    line on standard error with exit status 1 instead of a traceback."""
    from django.core.management import ManagementUtility

    _setup()
    ManagementUtility(["s4p manage", *rest]).execute()


LEVELS = {"CRITICAL": 50, "ERROR": 40, "WARNING": 30, "INFO": 20, "DEBUG": 10}


def _check_line(message: Any) -> str:
    """One line for one problem of Django's check framework: level, id, text, hint."""
    level = next((name for name, number in LEVELS.items() if number == message.level), "ERROR")
    text = " ".join(str(message.msg).split())
    hint = f" ({' '.join(str(message.hint).split())})" if message.hint else ""
    return f"{level} {message.id}: {text}{hint}"


def cmd_check(args: argparse.Namespace) -> None:
    """Django's deployment checks and ours, a real database connection and migrations in step
    with the models; one line per problem, exit code 1 for any at or above --fail-level."""
    _setup()
    from django.core import checks
    from django.core.management import call_command

    messages = checks.run_checks(include_deployment_checks=True, databases=["default"])
    for message in messages:
        if not message.is_silenced():
            print("s4p check:", _check_line(message), file=sys.stderr)
    failed = any(m.level >= LEVELS[args.fail_level] and not m.is_silenced() for m in messages)
    if not any(m.id == "s4p.E002" for m in messages):  # needs the database
        try:
            call_command("makemigrations", "--check", "--dry-run", verbosity=0)
        except SystemExit:
            print(
                "s4p check: ERROR s4p.E003: the models have changes that no migration records "
                "(run s4p manage makemigrations)",
                file=sys.stderr,
            )
            failed = True
    if failed:
        sys.exit(1)
    print("s4p check: no problems at or above", args.fail_level)


def cmd_backup(args: argparse.Namespace) -> None:
    _setup()
    from science4peace.core.backup import BackupError, do_backup

    try:
        manifest = do_backup(Path(args.file))
    except (BackupError, OSError) as error:
        sys.exit(f"s4p backup: {error}")
    print(f"s4p backup: {manifest.vendor} database and {manifest.files} files in {args.file}")


def cmd_restore(args: argparse.Namespace) -> None:
    _setup()
    from science4peace.core.backup import BackupError, do_restore

    try:
        manifest = do_restore(Path(args.file))
    except (BackupError, OSError) as error:
        sys.exit(f"s4p restore: {error}")
    print(
        f"s4p restore: {manifest.vendor} database and {manifest.files} files "
        f"of {manifest.created} restored"
    )


def cmd_events(args: argparse.Namespace) -> None:
    _setup()
    from science4peace.events.interfaces import cli as events_cli

    sys.exit(events_cli.import_indico(args.file, owners=args.event_owner, as_json=args.json))


def _events_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    events = sub.add_parser("events", help="online events: import from Indico")
    commands = events.add_subparsers(dest="events_command", required=True)
    indico = commands.add_parser(
        "import-indico",
        help="create an event from Indico's /export/event/ID.json?detail=contributions",
    )
    indico.add_argument("file", type=Path, help="the export (JSON)")
    indico.add_argument(
        "--event-owner",
        action="append",
        default=[],
        metavar="EMAIL",
        help="account that owns (organises) the event; repeatable; the first one imports",
    )
    indico.add_argument("--json", action="store_true", help="print the summary as JSON")
    indico.set_defaults(func=cmd_events)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="s4p", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser(
        "demo", help="migrate the embedded SQLite database, load demo data, serve"
    )
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--workers", type=int, default=2)
    demo.set_defaults(func=cmd_demo)
    serve = sub.add_parser(
        "serve",
        help="serve with gunicorn (S4P_WORKERS, S4P_BIND, S4P_WORKER_TIMEOUT, S4P_PRELOAD)",
    )
    serve.add_argument("--bind")
    serve.add_argument("--workers", type=int)
    serve.add_argument(
        "--print-config", action="store_true", help="print gunicorn's resolved settings and exit"
    )
    serve.set_defaults(func=cmd_serve)
    # worker and manage hand every further argument to Django's command as it is
    sub.add_parser(
        "worker",
        help="run background tasks from the database queue (db_worker; e.g. --batch, --queue-name)",
        add_help=False,
    )
    check = sub.add_parser("check", help="Django's deployment checks plus ours")
    check.add_argument(
        "--fail-level", default="ERROR", choices=["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"]
    )
    check.set_defaults(func=cmd_check)
    backup = sub.add_parser(
        "backup", help="write the database and the uploaded files to one archive, while serving"
    )
    backup.add_argument("file", help="the archive to write (.tar.gz)")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser(
        "restore", help="restore an archive of `s4p backup` into an empty installation"
    )
    restore.add_argument("file", help="an archive written by `s4p backup`")
    restore.set_defaults(func=cmd_restore)
    sub.add_parser("manage", help="any Django management command", add_help=False)
    authorlist_cli.add_parser(sub)
    schedule_cli.add_parser(sub)
    footprint_cli.add_parser(sub)
    _events_parser(sub)
    catalog_cli.add_parser(sub)
    argv = sys.argv[1:] if argv is None else argv
    try:
        _run(parser, argv)
    except ValueError as exc:
        # settings.SettingsError (not importable here: the settings module is what failed)
        # carries one line per bad setting; show those, not a traceback
        problems = getattr(exc, "problems", None)
        if problems is None:
            raise
        for problem in problems:
            print(f"s4p: {problem}", file=sys.stderr)
        sys.exit(2)


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    passthrough = {"worker": cmd_worker, "manage": cmd_manage}
    if argv and argv[0] in passthrough:
        passthrough[argv[0]](argv[1:])
        return
    args = parser.parse_args(argv)
    if args.command == "authorlist":
        sys.exit(authorlist_cli.run(args))
    if args.command == "schedule":
        sys.exit(schedule_cli.run(args))
    if args.command == "catalog":
        _setup()
        sys.exit(catalog_cli.run(args))
    if args.command == "footprint":
        sys.exit(footprint_cli.run(args))
    args.func(args)


if __name__ == "__main__":
    main()
