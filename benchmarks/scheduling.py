"""Benchmark: fair scheduling on the published data (Patro et al., WWW 2022).

Run:  .venv/bin/python benchmarks/scheduling.py [DIR]
(DIR holds recsys_{V,A}.csv and fatrec_{V,A}.csv; default: the copy in tests/data/scheduling.)

Prints time and metrics of EM, IAM and mFairConf on RecSys (1,112 participants, 26 talks,
48 slots; mFairConf by LP rounding, RRFS) and FATREC (40 × 11 × 24; mFairConf as an integer
programme in HiGHS), and the trade-off curve over λ1 (λ2 = 0 and 0.1). Target: mFairConf on
RecSys under 60 s on 2 cores.
"""

from __future__ import annotations

import sys
from pathlib import Path

from science4peace.lib.scheduling import Problem, read_matrix, solve

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "scheduling"


def load(name: str, data: Path = DATA) -> Problem:
    return Problem(
        read_matrix(data / f"{name}_V.csv", "interest"),
        read_matrix(data / f"{name}_A.csv", "availability"),
    )


def row(name: str, label: str, result) -> None:
    m = result.metrics
    print(
        f"{name:7} {label:28} {result.seconds:7.2f} s  NCG mean {m.ncg_mean:.3f}  "
        f"max−min {m.ncg_max_min:.3f}  Gini {m.ncg_gini:.3f}  |  NEC mean {m.nec_mean:.3f}  "
        f"max−min {m.nec_max_min:.3f}  Gini {m.nec_gini:.3f}"
    )


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    for name, curve in (("recsys", (0.02, 0.05, 0.1, 0.2, 0.5)), ("fatrec", (0.1, 0.2, 0.3, 0.5))):
        problem = load(name, data)
        row(name, "em", solve(problem, "em"))
        row(name, "iam", solve(problem, "iam"))
        for lambda2 in (0.0, 0.1):
            for lambda1 in curve:
                result = solve(problem, "mfairconf", lambda1, lambda2, time_limit=120)
                row(name, f"mfairconf {result.solver} λ1={lambda1} λ2={lambda2}", result)


if __name__ == "__main__":
    main()
