import os
import socket
import subprocess
import time
import urllib.request

import pytest
from django.core.management import call_command

from science4peace.collaborations.demo import LHC_MEMBERS
from science4peace.collaborations.models import Collaboration
from science4peace.institutions.models import Institution
from science4peace.people.demo import institution_rows, people_rows
from science4peace.people.models import Affiliation, Person
from tests.conftest import S4P


@pytest.mark.django_db
def test_demo_data_loads_idempotently():
    call_command("load_demo")
    counts = (Person.objects.count(), Institution.objects.count(), Affiliation.objects.count())
    call_command("load_demo")
    assert (
        Person.objects.count(),
        Institution.objects.count(),
        Affiliation.objects.count(),
    ) == counts
    assert counts[0] == len(people_rows()) + LHC_MEMBERS
    assert counts[1] >= len(institution_rows()) + 200  # the LHC collaboration's institutions
    assert Collaboration.objects.count() == 2


@pytest.mark.django_db
def test_demo_data_spans_the_required_countries():
    call_command("load_demo")
    countries = set(Institution.objects.values_list("country_id", flat=True))
    required = {"CH", "RU", "JO", "UA", "BY", "IR", "IL", "PS", "CN", "US", "DE", "BR", "IN", "ZA"}
    assert required <= countries
    assert len(countries) >= 15
    assert Person.objects.exclude(native_name="").count() >= 10
    assert Person.objects.filter(affiliations__end__isnull=False).distinct().count() >= 3


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve_and_get(command: list[str], env: dict[str, str], cwd, path: str) -> tuple[str, str]:
    """Start an s4p server, GET ``path`` once it answers, stop it; (body, server output)."""
    port = _free_port()
    command = [arg.replace("{port}", str(port)) for arg in command]
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    body = None
    try:
        for _attempt in range(360):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}{path}", timeout=5
                ) as response:
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.5)
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    assert body is not None, f"{command} did not answer within 180 s:\n{output}"
    return body, output.replace(str(port), "{port}")


def _env(tmp_path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "S4P_VAR_DIR": str(tmp_path / "var"), **extra}
    env.pop("S4P_DATABASE_URL", None)
    return env


def test_s4p_demo_serves_pages_from_a_fresh_var_dir(tmp_path):
    body, output = _serve_and_get(
        [S4P, "demo", "--port", "{port}", "--workers", "1"],
        _env(tmp_path),
        tmp_path,
        "/institutions/countries/",
    )
    assert "Jordan" in body
    assert "Palestine" in body
    assert (tmp_path / "var" / "s4p.sqlite3").exists()
    assert "open http://localhost:{port}/" in output
    steps = [line for line in output.splitlines() if line.startswith("== demo: ")]
    assert steps == [
        f"== demo: applying the migrations to the embedded database in {tmp_path / 'var'}",
        "== demo: collecting static files",
        "== demo: loading the demo data",
    ]


def test_s4p_serve_runs_gunicorn_on_a_migrated_database(tmp_path):
    env = _env(tmp_path, S4P_SECRET_KEY="k" * 50)
    subprocess.run([S4P, "manage", "migrate", "--verbosity", "0"], env=env, check=True, timeout=120)
    body, output = _serve_and_get(
        [S4P, "serve", "--bind", "127.0.0.1:{port}", "--workers", "2"], env, tmp_path, "/healthz"
    )
    assert body == '{"status": "ok", "database": "ok"}'
    assert output.count("Booting worker") == 2


def _check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([S4P, "check"], env=env, capture_output=True, text=True, timeout=120)


def _errors(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if " ERROR " in line]


def test_s4p_check_reports_missing_secret_key_in_one_line(tmp_path):
    env = {**os.environ, "S4P_VAR_DIR": str(tmp_path)}
    env.pop("S4P_SECRET_KEY", None)
    result = _check(env)
    assert (result.returncode, _errors(result)) == (
        1,
        [
            "s4p check: ERROR s4p.E001: S4P_SECRET_KEY is not set "
            "(Set it to a long random string; see docs/configuration.md.)"
        ],
    )
    assert "Traceback" not in result.stderr


def test_s4p_check_names_every_bad_setting_without_a_traceback(tmp_path):
    env = {
        **os.environ,
        "S4P_VAR_DIR": str(tmp_path),
        "S4P_WORKERS": "many",
        "S4P_DEBUG": "maybe",
        "S4P_DATABASE_URL": "mysql5://admin:hunter2@db/s4p",
    }
    result = _check(env)
    assert (result.returncode, result.stdout, result.stderr.splitlines()) == (
        2,
        "",
        [
            "s4p: S4P_DEBUG: expected a boolean (true/false), got 'maybe'",
            "s4p: S4P_DATABASE_URL: unknown scheme 'mysql5' "
            "(postgres://user:pw@host/db, sqlite:///path)",
            "s4p: S4P_WORKERS: expected a whole number, got 'many'",
        ],
    )
    assert "hunter2" not in result.stderr


def test_s4p_check_fails_for_an_unreachable_database(tmp_path):
    env = {
        **os.environ,
        "S4P_VAR_DIR": str(tmp_path),
        "S4P_SECRET_KEY": "x" * 60 + "yZ9!",
        "S4P_SECURE_COOKIES": "true",
        "S4P_DATABASE_URL": f"postgres://nobody@/x?host={tmp_path}/nonexistent",
    }
    result = _check(env)
    errors = _errors(result)
    assert (result.returncode, len(errors), result.stdout) == (1, 1, "")
    assert errors[0].startswith("s4p check: ERROR s4p.E002: Cannot connect to the database")
    assert f"{tmp_path}/nonexistent" in errors[0]
    assert "Traceback" not in result.stderr


def test_s4p_check_passes_with_a_production_configuration(tmp_path):
    env = {
        **os.environ,
        "S4P_VAR_DIR": str(tmp_path),
        "S4P_SECRET_KEY": "x" * 60 + "yZ9!",
        "S4P_SECURE_COOKIES": "true",
    }
    result = _check(env)
    assert (result.returncode, result.stdout, _errors(result)) == (
        0,
        "s4p check: no problems at or above ERROR\n",
        [],
    )


def test_s4p_manage_reports_a_command_error_in_one_line_without_a_traceback(tmp_path):
    env = _env(tmp_path, S4P_SECRET_KEY="k" * 50)
    result = subprocess.run(
        [S4P, "manage", "migrate", "nosuchapp"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (
        1,
        "CommandError: No installed app with label 'nosuchapp'.\n",
    )


def test_s4p_manage_names_an_unknown_command(tmp_path):
    env = _env(tmp_path, S4P_SECRET_KEY="k" * 50)
    result = subprocess.run(
        [S4P, "manage", "no_such_command"], env=env, capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stderr.splitlines()[0]) == (
        1,
        "Unknown command: 'no_such_command'",
    )
