"""Settings of the Science4Peace Platform.

Everything an operator may change is one row of ``TABLE``: name, default, environment variable
and help text. ``docs/configuration.md`` documents every row (a test enforces it). The rest of
this module derives Django's settings from those values; nothing else reads the environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected a boolean (true/false), got {value!r}")


def _proxy_header(value: str) -> tuple[str, str] | None:
    """``X-Forwarded-Proto`` → Django's ``("HTTP_X_FORWARDED_PROTO", "https")``."""
    name = value.strip()
    if not name:
        return None
    if not all(c.isalnum() or c == "-" for c in name):
        raise ValueError(f"expected an HTTP header name such as X-Forwarded-Proto, got {value!r}")
    return "HTTP_" + name.upper().replace("-", "_"), "https"


def _creators(value: str) -> str:
    choice = value.strip().lower()
    if choice not in {"confirmed", "staff"}:
        raise ValueError(f"expected confirmed or staff, got {value!r}")
    return choice


_RATE = re.compile(r"[1-9][0-9]*/[0-9]*[smhd]")


def _rate(value: str) -> str:
    """``5/5m``: at most 5 in 5 minutes (units s, m, h, d)."""
    rate = value.strip()
    if not _RATE.fullmatch(rate):
        raise ValueError(f"expected a rate such as 5/5m or 600/h, got {value!r}")
    return rate


CACHE_TABLE = "s4p_cache"


def _cache(value: str) -> dict[str, Any]:
    """``db:`` (a table of the database), ``locmem:`` (this process only),
    ``redis://host:6379/0`` or ``valkey://host:6379/0`` (``rediss://``/``valkeys://``: TLS)."""
    from urllib.parse import urlsplit

    url = value.strip()
    scheme = urlsplit(url).scheme
    if scheme in {"db", ""}:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s4p"}
    if scheme in {"redis", "rediss", "valkey", "valkeys"}:
        location = url.replace("valkey", "redis", 1) if scheme.startswith("valkey") else url
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    raise ValueError(f"unknown scheme {scheme!r} (db:, locmem:, redis://..., valkey://...)")


def _list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"expected a whole number, got {value!r}") from None


def _database_url(value: str) -> str:
    """A database URL dj-database-url understands, or empty; the message never shows the URL
    (it may hold a password)."""
    if value:
        try:
            dj_database_url.parse(value)
        except dj_database_url.UnknownSchemeError:
            scheme = value.split(":", 1)[0]
            raise ValueError(
                f"unknown scheme {scheme!r} (postgres://user:pw@host/db, sqlite:///path)"
            ) from None
        except ValueError:
            raise ValueError("not a valid URL (quote special characters in it)") from None
    return value


EMAIL_SCHEMES = ("console", "smtp", "smtps", "memory")


def _email_url(value: str) -> str:
    scheme = value.split(":", 1)[0] if ":" in value else ""
    if scheme not in EMAIL_SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r} ({', '.join(EMAIL_SCHEMES)})")
    return value


class SettingsError(ValueError):
    """Settings that cannot be read: one line per problem, each naming its variable."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    parse: Callable[[str], Any] = str
    secret: bool = False

    @property
    def env(self) -> str:
        return f"S4P_{self.name}"

    def read(self) -> Any:
        raw = os.environ.get(self.env, self.default)
        try:
            return self.parse(raw)
        except ValueError as exc:
            raise ValueError(f"{self.env}: {exc}") from exc


TABLE: tuple[Setting, ...] = (
    Setting(
        "SECRET_KEY",
        "",
        "Secret for sessions, tokens and signed links. Required in "
        "production; `s4p demo` generates one under the var directory.",
        secret=True,
    ),
    Setting("DEBUG", "false", "Django debug mode. Never in production.", _bool),
    Setting(
        "VAR_DIR",
        str(Path.cwd() / "var"),
        "Directory for the embedded database, collected static files and uploads.",
    ),
    Setting(
        "DATABASE_URL",
        "",
        "Database URL, e.g. `postgres://user:pw@host/db` or "
        "`postgres:///s4p?host=/run/postgresql`. Empty: embedded SQLite "
        "`VAR_DIR/s4p.sqlite3`.",
        _database_url,
        secret=True,
    ),
    Setting(
        "ALLOWED_HOSTS",
        "localhost,127.0.0.1,[::1]",
        "Comma-separated host names this installation answers to.",
        _list,
    ),
    Setting(
        "CSRF_TRUSTED_ORIGINS",
        "",
        "Comma-separated origins (scheme and host) trusted for unsafe requests behind a proxy.",
        _list,
    ),
    Setting("SITE_NAME", "Science4Peace", "Name shown in the page header and e-mails."),
    Setting(
        "SECURE_COOKIES",
        "false",
        "Send session and CSRF cookies only over HTTPS; enable behind TLS.",
        _bool,
    ),
    Setting(
        "EMAIL_URL",
        "console:",
        "Where mail goes: `console:`, `smtp://user:pw@host:587` "
        "(STARTTLS), `smtps://...` (TLS), or `memory:` for tests.",
        _email_url,
        secret=True,
    ),
    Setting(
        "EMAIL_QUEUE",
        "false",
        "Send mail from the background queue (`s4p worker`) instead of during the request.",
        _bool,
    ),
    Setting(
        "EMAIL_GIVE_UP_HOURS",
        "72",
        "Hours a mail that cannot be delivered is retried (with back-off) before it is marked "
        "failed in the admin.",
        float,
    ),
    Setting("DEFAULT_FROM_EMAIL", "Science4Peace <noreply@localhost>", "Sender of outgoing mail."),
    Setting(
        "SITE_URL",
        "http://localhost:8000",
        "The installation's public address (scheme and host), for links in mail that is "
        "written without a request: digests, reminders, unsubscribe links.",
    ),
    Setting(
        "UNSUBSCRIBE_DAYS",
        "90",
        "Days an unsubscribe link in a mail stays valid; an older link is refused with a clear "
        "message.",
        _int,
    ),
    Setting(
        "ORCID_CLIENT_ID",
        "",
        'ORCID OAuth client id; with ORCID_SECRET enables "Sign in with ORCID".',
    ),
    Setting("ORCID_SECRET", "", "ORCID OAuth client secret.", secret=True),
    Setting("ORCID_BASE_DOMAIN", "orcid.org", "ORCID host: `orcid.org` or `sandbox.orcid.org`."),
    Setting(
        "API_MAX_BODY_BYTES",
        "262144",
        "Largest request body accepted (bytes); larger API bodies get 413.",
        _int,
    ),
    Setting(
        "AUTHORLIST_MAX_BYTES",
        str(8 * 1024 * 1024),
        "Largest author list accepted by the audit, which anyone may use (bytes); a larger "
        "request gets 413 before it is read.",
        int,
    ),
    Setting(
        "MAX_UPLOAD_BYTES",
        str(50 * 1024 * 1024),
        "Largest file accepted: collaboration resources, slides, CVs (bytes).",
        _int,
    ),
    Setting(
        "JITSI_URL",
        "",
        "Base URL of the installation's Jitsi Meet server, e.g. `https://meet.example.org`; "
        "events may then choose Jitsi video rooms.",
    ),
    Setting("JITSI_APP_ID", "", "Jitsi JWT application id (`app_id` of prosody's token auth)."),
    Setting(
        "JITSI_SECRET",
        "",
        "Jitsi JWT secret (HS256); with JITSI_APP_ID room links carry a signed token.",
        secret=True,
    ),
    Setting(
        "BBB_URL",
        "",
        "BigBlueButton API endpoint, e.g. `https://bbb.example.org/bigbluebutton/api`; "
        "events may then choose BigBlueButton rooms.",
    ),
    Setting("BBB_SECRET", "", "BigBlueButton shared secret (`bbb-conf --secret`).", secret=True),
    Setting(
        "BBB_CHECKSUM",
        "sha1",
        "Checksum algorithm BigBlueButton expects: `sha1` or `sha256`.",
    ),
    Setting(
        "VIDEO_OPEN_MINUTES",
        "15",
        "How many minutes before a session its video link is shown to participants.",
        _int,
    ),
    Setting("WORKERS", "2", "Number of gunicorn worker processes for `s4p serve`.", _int),
    Setting(
        "WORKER_TIMEOUT",
        "60",
        "Seconds a gunicorn worker may spend on one request before it is restarted.",
        _int,
    ),
    Setting(
        "PRELOAD",
        "true",
        "Import the application once in gunicorn's master before starting the workers.",
        _bool,
    ),
    Setting(
        "CACHE_URL",
        "db:",
        "Cache that every worker and host shares (pages, throttling counters): `db:` (a table "
        "of the database), `redis://host:6379/0`, `valkey://host:6379/0`, or `locmem:` "
        "(one process; development only).",
        _cache,
        secret=True,
    ),
    Setting(
        "PAGE_MAX_AGE",
        "10",
        "Seconds a browser or proxy may reuse a public page for anonymous visitors without "
        "asking again (`Cache-Control: max-age`); 0: ask every time (answered `304` when "
        "unchanged).",
        _int,
    ),
    Setting(
        "PAGE_STALE_SECONDS",
        "30",
        "Seconds after that a browser or proxy may still show the page while it asks for the "
        "new one (`stale-while-revalidate`).",
        _int,
    ),
    Setting(
        "PAGE_PREWARM",
        "true",
        "After a change, rebuild the public pages asked for lately through the task queue "
        "(`s4p worker`), so no visitor waits for the rebuild.",
        _bool,
    ),
    Setting(
        "PAGE_PREBUILD",
        "4",
        "Public pages (the variants built most recently) that a change builds inside its "
        "own transaction, with the database cache (`db:`): "
        "they appear together with the change, so no visitor waits for them; `s4p worker` "
        "rebuilds the others. 0: none.",
        _int,
    ),
    Setting(
        "LOGIN_FAILURES",
        "5/5m",
        "Wrong passwords allowed for one account from one client, e.g. `5/5m`.",
        _rate,
    ),
    Setting("LOGIN_FAILURES_PER_CLIENT", "20/m", "Wrong passwords allowed from one client.", _rate),
    Setting("SIGNUP_RATE", "10/h", "Sign-ups allowed from one client.", _rate),
    Setting("API_RATE_ANONYMOUS", "120/m", "API requests without a token, per client.", _rate),
    Setting("API_RATE_TOKEN", "1200/m", "API requests with a token, per account.", _rate),
    Setting(
        "PROXIES",
        "0",
        "Number of reverse proxies in front that append to `X-Forwarded-For`; 0: the client "
        "is the connection's address.",
        _int,
    ),
    Setting("BIND", "127.0.0.1:8000", "Address `s4p serve` listens on."),
    Setting("LANGUAGE_CODE", "en", "Default interface language (en, ru, uk, ar)."),
    Setting(
        "PROXY_SSL_HEADER",
        "",
        "Header by which the TLS-terminating proxy says the request came over HTTPS (its value "
        "then is `https`), e.g. `X-Forwarded-Proto`. Only set it behind a proxy that always sets "
        "or strips this header.",
        _proxy_header,
    ),
    Setting("SSL_REDIRECT", "false", "Redirect every plain-HTTP request to HTTPS.", _bool),
    Setting(
        "HSTS_SECONDS",
        "0",
        "Strict-Transport-Security max-age in seconds (0: no header). Start small, then a year "
        "(31536000).",
        int,
    ),
    Setting(
        "HSTS_INCLUDE_SUBDOMAINS",
        "false",
        "Add `includeSubDomains` to the Strict-Transport-Security header.",
        _bool,
    ),
    Setting("SESSION_DAYS", "14", "How many days a login lasts without activity.", int),
    Setting(
        "SPACES_EDIT_MINUTES",
        "30",
        "Minutes after posting during which the author may edit a post in a space "
        "(earlier versions are kept).",
        _int,
    ),
    Setting(
        "SPACES_MAX_ATTACHMENT_BYTES",
        str(10 * 1024 * 1024),
        "Largest attachment to a post in a space (bytes; never above MAX_UPLOAD_BYTES).",
        _int,
    ),
    Setting(
        "SPACES_NEW_ACCOUNT_DAYS",
        "7",
        "Days during which an account counts as new for the message rate limit.",
        _int,
    ),
    Setting(
        "SPACES_NEW_ACCOUNT_MESSAGES",
        "20/d",
        "Messages to individuals a new account may send, e.g. `20/d`.",
        _rate,
    ),
    Setting(
        "COLLABORATION_CREATORS",
        "confirmed",
        "Who may create a collaboration from the site: `confirmed` (any account with a verified "
        "e-mail address) or `staff` (site staff only). The creator becomes its administrator.",
        _creators,
    ),
)


def _read(table: tuple[Setting, ...]) -> dict[str, Any]:
    """Every value of the table, or a SettingsError listing every one that is wrong."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for setting in table:
        try:
            values[setting.name] = setting.read()
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise SettingsError(problems)
    return values


VALUES: dict[str, Any] = _read(TABLE)

# --- Derived Django settings ---------------------------------------------------------------

VAR_DIR = Path(VALUES["VAR_DIR"])
DEBUG = VALUES["DEBUG"]
SECRET_KEY = VALUES["SECRET_KEY"] or "insecure-development-key-set-S4P_SECRET_KEY"
ALLOWED_HOSTS = VALUES["ALLOWED_HOSTS"]
CSRF_TRUSTED_ORIGINS = VALUES["CSRF_TRUSTED_ORIGINS"]
SITE_NAME = VALUES["SITE_NAME"]
S4P_WORKERS = VALUES["WORKERS"]
S4P_WORKER_TIMEOUT = VALUES["WORKER_TIMEOUT"]
S4P_PRELOAD = VALUES["PRELOAD"]
S4P_PAGE_MAX_AGE = VALUES["PAGE_MAX_AGE"]
S4P_PAGE_STALE_SECONDS = VALUES["PAGE_STALE_SECONDS"]
S4P_PAGE_PREWARM = VALUES["PAGE_PREWARM"]
S4P_PAGE_PREBUILD = VALUES["PAGE_PREBUILD"]
S4P_MAX_UPLOAD_BYTES = VALUES["MAX_UPLOAD_BYTES"]
S4P_AUTHORLIST_MAX_BYTES = VALUES["AUTHORLIST_MAX_BYTES"]
S4P_BIND = VALUES["BIND"]
S4P_COLLABORATION_CREATORS = VALUES["COLLABORATION_CREATORS"]
S4P_SPACES_EDIT_MINUTES = VALUES["SPACES_EDIT_MINUTES"]
S4P_SPACES_MAX_ATTACHMENT_BYTES = VALUES["SPACES_MAX_ATTACHMENT_BYTES"]
S4P_SPACES_NEW_ACCOUNT_DAYS = VALUES["SPACES_NEW_ACCOUNT_DAYS"]
S4P_SPACES_NEW_ACCOUNT_MESSAGES = VALUES["SPACES_NEW_ACCOUNT_MESSAGES"]
S4P_VIDEO = {
    name: VALUES[name]
    for name in (
        "JITSI_URL",
        "JITSI_APP_ID",
        "JITSI_SECRET",
        "BBB_URL",
        "BBB_SECRET",
        "BBB_CHECKSUM",
        "VIDEO_OPEN_MINUTES",
    )
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.orcid",
    "science4peace.core",
    "science4peace.institutions",
    "science4peace.people",
    "science4peace.collaborations",
    "science4peace.papers",
    "science4peace.events",
    "science4peace.catalog",
    "science4peace.projects",
    "science4peace.spaces",
    "science4peace.notifications",
    "science4peace.review",
    "science4peace.portal",
]

MIDDLEWARE = [
    # first: compresses what the page cache does not answer compressed (core/compression.py)
    "science4peace.core.compression.CompressionMiddleware",
    # then: answers and stores the public pages anonymous visitors share (and FastPath in
    # wsgi.py answers them before Django's request handling starts)
    "science4peace.core.interfaces.pagecache.PublicPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "science4peace.core.proxies.ForwardedForMiddleware",
    "science4peace.core.body_limit.BodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "science4peace.urls"
WSGI_APPLICATION = "science4peace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates" / "overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "science4peace.core.context_processors.site",
                "science4peace.notifications.context_processors.unread",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        VALUES["DATABASE_URL"] or f"sqlite:///{VAR_DIR / 's4p.sqlite3'}",
        conn_max_age=60,
    )
}
# Django's backends with a hook just before each commit (core/db: public pages are built inside
# the transaction that changes what they show)
DATABASES["default"]["ENGINE"] = {
    "django.db.backends.sqlite3": "science4peace.core.db.sqlite3",
    "django.db.backends.postgresql": "science4peace.core.db.postgresql",
}.get(DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"])
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # tests: Django's own default (an in-memory database), named so that tools which know
    # only Django's ENGINE string (pytest-django under xdist) do not take it for a file
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "people:me"

# django-allauth: e-mail is the login, confirmed before first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if VALUES["SECURE_COOKIES"] else "http"
SOCIALACCOUNT_ONLY = False
ACCOUNT_ADAPTER = "science4peace.people.interfaces.accounts.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "science4peace.people.interfaces.accounts.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS: dict[str, Any] = {}
if VALUES["ORCID_CLIENT_ID"] and VALUES["ORCID_SECRET"]:
    SOCIALACCOUNT_PROVIDERS["orcid"] = {
        "BASE_DOMAIN": VALUES["ORCID_BASE_DOMAIN"],
        "MEMBER_API": False,
        "APPS": [
            {"client_id": VALUES["ORCID_CLIENT_ID"], "secret": VALUES["ORCID_SECRET"], "key": ""}
        ],
    }


def _email_settings(url: str) -> dict[str, Any]:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "memory":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme in {"smtp", "smtps"}:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": parts.scheme == "smtp" and parts.port != 25,
            "EMAIL_USE_SSL": parts.scheme == "smtps",
        }
    raise ValueError(
        f"S4P_EMAIL_URL: unknown scheme {parts.scheme!r} (console, smtp, smtps, memory)"
    )


_EMAIL = _email_settings(VALUES["EMAIL_URL"])
globals().update(_EMAIL)
# Every mail goes through the outbox (core.mail), which delivers through the backend above.
S4P_EMAIL_DELIVERY_BACKEND = _EMAIL["EMAIL_BACKEND"]
EMAIL_BACKEND = "science4peace.core.mail.OutboxEmailBackend"
EMAIL_TIMEOUT = 30
S4P_EMAIL_QUEUE = VALUES["EMAIL_QUEUE"]
S4P_EMAIL_GIVE_UP_HOURS = VALUES["EMAIL_GIVE_UP_HOURS"]
S4P_SITE_URL = VALUES["SITE_URL"].rstrip("/")
S4P_UNSUBSCRIBE_DAYS = VALUES["UNSUBSCRIBE_DAYS"]
DEFAULT_FROM_EMAIL = VALUES["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# One cache for every worker and host (issue 12): pages, rendered fragments, throttling.
CACHES = {"default": VALUES["CACHE_URL"]}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 2000}
elif CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 20000}

# Throttling, counted in that shared cache. Wrong passwords count per client AND account
# (people.interfaces.accounts.AccountAdapter), so an attacker elsewhere cannot lock anyone out.
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"{VALUES['LOGIN_FAILURES_PER_CLIENT']}/ip,{VALUES['LOGIN_FAILURES']}/key",
    "signup": f"{VALUES['SIGNUP_RATE']}/ip",
}
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no mail to an address without an account
S4P_PROXIES = VALUES["PROXIES"]
ALLAUTH_TRUSTED_PROXY_COUNT = S4P_PROXIES
NINJA_NUM_PROXIES = VALUES["PROXIES"]
S4P_API_RATES = {"anonymous": VALUES["API_RATE_ANONYMOUS"], "token": VALUES["API_RATE_TOKEN"]}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Internationalisation: time is stored in UTC and always shown with its zone (invariant 4).
LANGUAGE_CODE = VALUES["LANGUAGE_CODE"]
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("uk", "Українська"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = VALUES["API_MAX_BODY_BYTES"]
FILE_UPLOAD_MAX_MEMORY_SIZE = VALUES["API_MAX_BODY_BYTES"]

# Invariant 3: nothing is loaded from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = VALUES["SECURE_COOKIES"]
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = VALUES["SECURE_COOKIES"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = VALUES["SESSION_DAYS"] * 24 * 3600
SECURE_PROXY_SSL_HEADER = VALUES["PROXY_SSL_HEADER"]
SECURE_SSL_REDIRECT = VALUES["SSL_REDIRECT"]
SECURE_HSTS_SECONDS = VALUES["HSTS_SECONDS"]
SECURE_HSTS_INCLUDE_SUBDOMAINS = VALUES["HSTS_INCLUDE_SUBDOMAINS"]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
