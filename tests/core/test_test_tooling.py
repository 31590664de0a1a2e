"""The suite's own tooling: no skipped test under scripts/test, coverage grouped per app."""

import importlib.util
import os
import sys

import pytest

from tests.conftest import ROOT


def _run_pytester(pytester, monkeypatch, *args):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), *sys.path]))
    return pytester.runpytest_subprocess(
        "-p", "tests.noskip", "-p", "no:django", "-p", "no:cacheprovider", *args
    )


SKIPPING = (
    "import pytest\ndef test_ok():\n    pass\ndef test_skips():\n    pytest.skip('no tool')\n"
)


def test_a_skipped_test_fails_the_run_when_skips_are_forbidden(pytester, monkeypatch):
    monkeypatch.setenv("S4P_FORBID_SKIPS", "1")
    pytester.makepyfile(SKIPPING)
    result = _run_pytester(pytester, monkeypatch)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*1 skipped: this run allows no skipped test*"])


def test_a_skipped_test_is_only_reported_elsewhere(pytester, monkeypatch):
    monkeypatch.delenv("S4P_FORBID_SKIPS", raising=False)
    pytester.makepyfile(SKIPPING)
    assert _run_pytester(pytester, monkeypatch).ret == pytest.ExitCode.OK


def test_skips_in_xdist_workers_fail_the_run_too(pytester, monkeypatch):
    monkeypatch.setenv("S4P_FORBID_SKIPS", "1")
    pytester.makepyfile(SKIPPING)
    assert _run_pytester(pytester, monkeypatch, "-n", "2").ret == pytest.ExitCode.TESTS_FAILED


def _coverage_by_app():
    spec = importlib.util.spec_from_file_location(
        "coverage_by_app", ROOT / "scripts" / "coverage_by_app.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _summary(statements, lines, branches, covered_branches):
    return {
        "summary": {
            "num_statements": statements,
            "covered_lines": lines,
            "num_branches": branches,
            "covered_branches": covered_branches,
        }
    }


def test_coverage_is_summed_per_app_with_branches():
    module = _coverage_by_app()
    report = {
        "files": {
            "src/science4peace/events/views.py": _summary(10, 8, 4, 2),
            "src/science4peace/events/domain/queries.py": _summary(10, 10, 6, 6),
            "src/science4peace/settings.py": _summary(5, 5, 0, 0),
            "src/science4peace/lib/footprint/core.py": _summary(0, 0, 0, 0),
        }
    }
    apps = module.by_app(report)
    assert list(apps) == ["(top level)", "events", "lib"]
    assert apps["events"] == {
        "num_statements": 20,
        "covered_lines": 18,
        "num_branches": 10,
        "covered_branches": 8,
    }
    lines, total = module.table(apps, 1)
    assert total == round(100 * (23 + 8) / (25 + 10), 1)
    assert lines[2].split() == ["events", "20", "10", "86.7%"]
    assert lines[-1].split() == ["total", "25", "10", "88.6%"]
