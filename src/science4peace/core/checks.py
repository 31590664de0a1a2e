"""Our own deployment checks, run by ``s4p check`` next to Django's ``--deploy`` checks."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connections


@register(Tags.security, deploy=True)
def check_secrets(app_configs: Any, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    if not settings.VALUES["SECRET_KEY"]:
        problems.append(
            Error(
                "S4P_SECRET_KEY is not set",
                hint="Set it to a long random string; see docs/configuration.md.",
                id="s4p.E001",
            )
        )
    if settings.S4P_EMAIL_DELIVERY_BACKEND.endswith("console.EmailBackend"):
        problems.append(
            Warning(
                "Mail is printed to the console, not sent",
                hint="Set S4P_EMAIL_URL to an SMTP server.",
                id="s4p.W001",
            )
        )
    return problems


@register(Tags.database, deploy=True)
def check_database(app_configs: Any, databases: Any = None, **kwargs: Any) -> list[Any]:
    """The embedded database in production, and (when the databases are asked for, as
    ``s4p check`` does) a real connection to each."""
    problems: list[Any] = []
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(
            Warning(
                "The embedded SQLite database is in use",
                hint="Set S4P_DATABASE_URL to PostgreSQL for more than one server.",
                id="s4p.W002",
            )
        )
    for alias in databases or ():
        try:
            connections[alias].ensure_connection()
        except DatabaseError as exc:
            reason = " ".join(str(exc).split())
            problems.append(
                Error(
                    f"Cannot connect to the database {alias!r}: {reason}",
                    hint="Check S4P_DATABASE_URL and that the database server is running.",
                    id="s4p.E002",
                )
            )
    return problems


@register(Tags.security, deploy=True)
def check_proxy(app_configs: Any, **kwargs: Any) -> list[Any]:
    if settings.SECURE_PROXY_SSL_HEADER:
        return []
    return [
        Warning(
            "No proxy header tells this installation that requests came over HTTPS",
            hint="Behind a TLS proxy, links in mails and calendars come out as http:// until "
            "S4P_PROXY_SSL_HEADER names the header the proxy sets (e.g. X-Forwarded-Proto).",
            id="s4p.W003",
        )
    ]
