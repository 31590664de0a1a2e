"""Branch coverage per app from the data scripts/test collected, and the gate.

Usage: .venv/bin/python scripts/coverage_by_app.py [DATA_FILE]   (default: .coverage)

Prints app → statements, branches and the percentage (statements and branches together, as
coverage.py counts them) and the total; exits 2 when the total is below
`[tool.coverage.report] fail_under` in pyproject.toml.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import coverage

PACKAGE = "science4peace"
TOP_LEVEL = "(top level)"
KEYS = ("num_statements", "covered_lines", "num_branches", "covered_branches")


def app_of(path: str) -> str:
    """The app a measured file belongs to: the directory under the package, or TOP_LEVEL."""
    parts = Path(path).parts
    inside = parts[parts.index(PACKAGE) + 1 :] if PACKAGE in parts else parts
    return inside[0] if len(inside) > 1 else TOP_LEVEL


def percent(counts: dict[str, int]) -> float:
    measured = counts["num_statements"] + counts["num_branches"]
    covered = counts["covered_lines"] + counts["covered_branches"]
    return 100.0 * covered / measured if measured else 100.0


def by_app(report: dict) -> dict[str, dict[str, int]]:
    """Sum coverage.py's JSON report ({"files": {path: {"summary": ...}}}) per app."""
    apps: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KEYS, 0))
    for path, data in report["files"].items():
        for key in KEYS:
            apps[app_of(path)][key] += data["summary"][key]
    return dict(sorted(apps.items()))


def table(apps: dict[str, dict[str, int]], precision: int) -> tuple[list[str], float]:
    total = {key: sum(counts[key] for counts in apps.values()) for key in KEYS}
    width = max([len(TOP_LEVEL), *(len(app) for app in apps)])
    lines = [f"{'app':<{width}}  {'statements':>10}  {'branches':>8}  {'covered':>7}"]
    for app, counts in [*apps.items(), ("total", total)]:
        if app == "total":
            lines.append("-" * len(lines[0]))
        lines.append(
            f"{app:<{width}}  {counts['num_statements']:>10}  {counts['num_branches']:>8}  "
            f"{percent(counts):>6.{precision}f}%"
        )
    return lines, round(percent(total), precision)


def main(argv: list[str]) -> int:
    data_file = argv[0] if argv else ".coverage"
    if not Path(data_file).exists():
        print(f"no coverage data at {data_file}: run scripts/test first", file=sys.stderr)
        return 2
    cov = coverage.Coverage(data_file=data_file)
    cov.load()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "coverage.json"
        cov.json_report(outfile=str(out))
        report = json.loads(out.read_text())
    precision = int(cov.get_option("report:precision"))
    lines, total = table(by_app(report), precision)
    print("\n".join(lines))
    fail_under = float(cov.get_option("report:fail_under"))
    if total < fail_under:
        print(f"coverage {total}% is below the gate of {fail_under}% (pyproject.toml: fail_under)")
        return 2
    print(f"coverage {total}% meets the gate of {fail_under}% (statements and branches)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
