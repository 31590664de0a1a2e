from __future__ import annotations

import datetime as dt
import importlib
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from science4peace.collaborations.models import (
    Collaboration,
    Membership,
    Resource,
    WorkContribution,
)
from science4peace.institutions.models import Institution
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Affiliation, Person

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"  # real inputs copied into the repository; see its README.md
AUTHORLISTS = DATA / "authorlists"
# The running environment's scripts (s4p, django-admin): found beside this interpreter, so
# the suite runs from any virtualenv in any directory.
BIN = Path(sys.executable).parent
S4P = str(BIN / "s4p")

# No network in any test (tests/netguard.py), no skipped test in scripts/test (tests/noskip.py);
# pytester for the tests that prove both.
pytest_plugins = ["tests.netguard", "tests.noskip", "pytester"]
LOCMEM_MAIL = "django.core.mail.backends.locmem.EmailBackend"

# Speed is measured in benchmarks/, not in tests: no property test fails because one example
# took over Hypothesis's 200 ms on a busy machine.
hypothesis_settings.register_profile("s4p", deadline=None)
hypothesis_settings.load_profile("s4p")


def pytest_configure(config):
    """The database client (libpq) opens its own sockets, out of the network guard's reach:
    its host is checked here instead."""
    from tests.netguard import is_loopback_host  # loaded as a plugin first, so not at the top

    host = django_settings.DATABASES["default"].get("HOST") or ""
    if host and not host.startswith("/") and not is_loopback_host(host):
        raise pytest.UsageError(
            f"tests use a local database only (a Unix socket or loopback), not {host!r}"
        )


@pytest.fixture(scope="session", autouse=True)
def _mail_stays_in_memory(django_test_environment):
    """Mail goes to django.core.mail.outbox whatever S4P_EMAIL_URL the shell has; the queue's
    delivery backend too (a test may still switch to the queue with the settings fixture)."""
    with override_settings(EMAIL_BACKEND=LOCMEM_MAIL, S4P_EMAIL_DELIVERY_BACKEND=LOCMEM_MAIL):
        yield


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a request in another language leaves that language active
    in the thread, where a later test's direct calls would see it."""
    translation.activate("en")
    yield
    translation.deactivate()


def _sql(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def cache_queries(captured) -> list[str]:
    """The statements of a CaptureQueriesContext that read or write the shared cache (a table
    of the database, as in production)."""
    return [sql for sql in _sql(captured) if "s4p_cache" in sql]


def data_queries(captured) -> list[str]:
    """The other statements: what query-count tests are about (savepoints left out)."""
    return [
        sql
        for sql in _sql(captured)
        if "s4p_cache" not in sql
        and not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    ]


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """A test must not see pages cached by an earlier one. The cache is a table of the
    database, as in production (S4P_CACHE_URL=db:), so only a test with the database has one."""
    from science4peace.events.domain.programme import forget_programmes

    forget_programmes()
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
    } & set(request.fixturenames)
    if uses_db:
        from django.core.cache import cache

        request.getfixturevalue(
            "db" if "transactional_db" not in request.fixturenames else "transactional_db"
        )
        cache.clear()


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """pytest-django swaps EMAIL_BACKEND for the in-memory one; put the outbox back in front
    of it, as in production, so that every test's mail is written and delivered as it is
    there (``mail.outbox`` holds what was delivered, after commit)."""
    settings.EMAIL_BACKEND = "science4peace.core.mail.OutboxEmailBackend"
    settings.S4P_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.S4P_EMAIL_QUEUE = False


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


_TRIGGERS = importlib.import_module("science4peace.core.migrations.0002_audit_append_only_triggers")


def _run_sqlite(statements: list[str]) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@pytest.fixture
def _audit_triggers_restored_after_flush(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        _run_sqlite(_TRIGGERS.SQLITE_UP)


@pytest.fixture
def transactional_db(
    _audit_triggers_restored_after_flush, django_db_serialized_rollback, transactional_db
):
    """pytest-django's fixture, with two additions. The flush after the test would also
    remove the rows migrations create (countries, the first pledge), so they are restored
    (serialized rollback). And on SQLite the flush deletes rows one by one, which the audit
    log's append-only triggers refuse, so they are lifted for the flush only. (PostgreSQL
    flushes with TRUNCATE, which row triggers do not see.)"""
    yield
    _run_sqlite(_TRIGGERS.SQLITE_DOWN)


@pytest.fixture
def migrate_to(transactional_db):
    """``migrate_to([(app, migration)])`` moves the test database to that state and returns
    the historical models there; afterwards every app is migrated to its latest migration
    again, so no later test meets an old schema (and the flush keeps the migrated rows)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def user(db):
    account = get_user_model().objects.create_user(
        username="ada", email="ada@example.org", password="a long pass phrase 42"
    )
    EmailAddress.objects.create(user=account, email=account.email, verified=True, primary=True)
    return account


@pytest.fixture
def other_user(db):
    return get_user_model().objects.create_user(
        username="bob", email="bob@example.org", password="another pass phrase 42"
    )


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        username="root", email="root@example.org", password="x", is_staff=True
    )


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def token(user):
    _token, secret = do_create_api_token(actor=user, name="tests")
    return secret


@pytest.fixture
def auth_headers(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def cern(db):
    return Institution.objects.create(
        name="CERN",
        ror="https://ror.org/01ggx4157",
        country_id="CH",
        kind=Institution.Kind.INTERGOVERNMENTAL,
    )


@pytest.fixture
def jinr(db):
    return Institution.objects.create(
        name="Joint Institute for Nuclear Research",
        ror="https://ror.org/044yd9t77",
        country_id="RU",
        kind=Institution.Kind.INTERGOVERNMENTAL,
    )


@pytest.fixture
def helix(db, staff):
    collaboration = Collaboration.objects.create(
        name="HELIX", start=D(2005, 1, 1), completion=D(2041, 12, 31)
    )
    collaboration.administrators.add(staff)
    return collaboration


@pytest.fixture
def moscow(db):
    return Institution.objects.create(name="INR Moscow", country_id="RU")


@pytest.fixture
def wuppertal(db):
    return Institution.objects.create(name="Wuppertal U.", country_id="DE")


@pytest.fixture
def mover(user, helix, moscow, jinr, wuppertal):
    """The logged-in user's person: Moscow institute, then JINR, then a German university,
    with a confirmed contribution made in Moscow."""
    person = Person.objects.create(user=user, given_name="Anna", family_name="Ivanova")
    for institution, start, end in [
        (moscow, D(2012, 9, 1), D(2019, 6, 30)),
        (jinr, D(2019, 7, 1), D(2023, 8, 31)),
        (wuppertal, D(2023, 9, 1), None),
    ]:
        Membership.objects.create(
            collaboration=helix, person=person, institution=institution, start=start, end=end
        )
    WorkContribution.objects.create(
        collaboration=helix,
        person=person,
        kind="detector",
        description="ECAL construction",
        start=D(2013, 1, 1),
        end=D(2016, 12, 31),
        status=WorkContribution.Status.CONFIRMED,
    )
    return person


@pytest.fixture
def dataset(helix):
    return Resource.objects.create(
        collaboration=helix,
        title="Run 3 data",
        kind="dataset",
        sensitivity="contributors",
        url="https://data.example.org/r3",
    )


def make_people(count: int, institution: Institution) -> list[Person]:
    people = []
    for index in range(count):
        person = Person.objects.create(given_name=f"Given{index}", family_name=f"Family{index}")
        Affiliation.objects.create(
            person=person, institution=institution, start=dt.date(2020, 1, 1)
        )
        people.append(person)
    return people


def make_institutions(count: int) -> list[Institution]:
    return [
        Institution.objects.create(name=f"Institute {i}", country_id="DE") for i in range(count)
    ]


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgresql_only`` (several servers on one database server) are
    deselected, not skipped, in the SQLite run; scripts/test runs them on PostgreSQL."""
    if connection.vendor == "postgresql":
        return
    chosen = [item for item in items if item.get_closest_marker("postgresql_only") is None]
    if len(chosen) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in chosen])
        items[:] = chosen


def _assert_data_queries(exact: bool):
    @contextmanager
    def check(num, connection=None, info=None):
        from django.db import connection as default_connection

        with CaptureQueriesContext(connection or default_connection) as captured:
            yield captured
        found = data_queries(captured)
        if (len(found) != num) if exact else (len(found) > num):
            expected = f"{num}" if exact else f"at most {num}"
            detail = "\n".join(found)
            pytest.fail(
                f"Expected {expected} data queries but {len(found)} were done"
                f"{': ' + info if info else ''}\n{detail}"
            )

    return check


@pytest.fixture
def django_assert_num_queries():
    """pytest-django's fixture, counting data statements only: the shared cache's statements
    (API throttling, cached pages; a table of the database, as in production) are apart."""
    return _assert_data_queries(exact=True)


@pytest.fixture
def django_assert_max_num_queries():
    return _assert_data_queries(exact=False)
