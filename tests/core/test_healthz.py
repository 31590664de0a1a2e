import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})


def test_healthz_503_when_database_unreachable(tmp_path):
    """A real process whose database server does not exist answers 503, not 500."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "science4peace.settings",
        "S4P_VAR_DIR": str(tmp_path),
        "S4P_ALLOWED_HOSTS": "testserver",
        "S4P_DATABASE_URL": f"postgres://nobody@/none?host={tmp_path}/no-socket-here",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        503,
        {"status": "error", "database": "unreachable"},
    ]
