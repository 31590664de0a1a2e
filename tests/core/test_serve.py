"""Workers start fast and warm (issue 12, defect 4): loading the application imports no heavy
library, its heap is frozen for the garbage collector, and ``s4p serve`` hands gunicorn its
worker count, timeout and preload."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

S4P = str(ROOT / ".venv" / "bin" / "s4p")
HEAVY = ["scipy", "matplotlib", "numpy", "fpdf", "uharfbuzz", "ftfy"]


def _fresh_python(tmp_path, code: str):
    """What ``code``, run in a new interpreter with the project's settings, printed last (JSON)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "science4peace.settings",
        "S4P_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_loading_the_application_and_its_urls_imports_no_heavy_library(tmp_path):
    code = (
        "import json, sys\n"
        "import science4peace.wsgi\n"
        "from django.urls import resolve\n"
        "resolve('/')\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    assert _fresh_python(tmp_path, code) == []


def _gunicorn_config(tmp_path, **environ: str) -> dict[str, str]:
    env = {**os.environ, "S4P_VAR_DIR": str(tmp_path), **environ}
    result = subprocess.run(
        [S4P, "serve", "--print-config"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    pairs = (line.split("=", 1) for line in result.stdout.splitlines() if " = " in line)
    return {name.strip(): value.strip() for name, value in pairs}


def test_serve_passes_workers_timeout_and_preload_to_gunicorn(tmp_path):
    config = _gunicorn_config(
        tmp_path, S4P_WORKERS="3", S4P_WORKER_TIMEOUT="91", S4P_BIND="127.0.0.1:8123"
    )
    picked = {k: config[k] for k in ("workers", "timeout", "preload_app", "bind")}
    assert picked == {
        "workers": "3",
        "timeout": "91",
        "preload_app": "True",
        "bind": "['127.0.0.1:8123']",
    }


def test_serve_can_leave_the_import_to_each_worker(tmp_path):
    assert _gunicorn_config(tmp_path, S4P_PRELOAD="false")["preload_app"] == "False"


def test_loading_the_application_freezes_its_heap_for_the_garbage_collector(tmp_path):
    code = (
        "import gc, json\n"
        "before = gc.get_freeze_count()\n"
        "import science4peace.wsgi\n"
        "print(json.dumps([before, gc.get_freeze_count() > 100_000, gc.get_threshold()]))\n"
    )
    assert _fresh_python(tmp_path, code) == [0, True, [10_000, 10, 10]]
