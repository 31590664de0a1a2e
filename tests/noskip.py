"""No skipped tests where S4P_FORBID_SKIPS is set (scripts/test sets it, so CI has it): a skip
would hide a missing tool or service, which must fail the run instead. Loaded by
tests/conftest.py (`pytest_plugins`)."""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not os.environ.get("S4P_FORBID_SKIPS") or hasattr(session.config, "workerinput"):
        return  # a pytest-xdist worker: the controller sees every worker's reports
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == pytest.ExitCode.OK:
        reporter.write_line(
            f"{skipped} skipped: this run allows no skipped test (S4P_FORBID_SKIPS); "
            "install what the skipped tests need",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
