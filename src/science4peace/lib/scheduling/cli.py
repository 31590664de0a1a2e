"""``s4p schedule evaluate``: schedule a conference from interest and availability CSV files
and print the metrics and the runtime. Needs no database; on bad input it prints the reason
and exits with 2."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .model import Problem, SchedulingError, read_matrix
from .solvers import METHODS, SOLVERS, solve

LABELS = {
    "ncg_mean": "NCG mean",
    "ncg_max_min": "NCG max−min",
    "ncg_gini": "NCG Gini",
    "nec_mean": "NEC mean",
    "nec_max_min": "NEC max−min",
    "nec_gini": "NEC Gini",
    "tep": "TEP",
}


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("schedule", help="fair conference schedules (Patro et al. 2022)")
    commands = parser.add_subparsers(dest="schedule_command", required=True)
    evaluate = commands.add_parser("evaluate", help="schedule and print the metrics")
    evaluate.add_argument("--interest", type=Path, required=True, help="V: participants × talks")
    evaluate.add_argument(
        "--availability", type=Path, required=True, help="A: participants × slots"
    )
    evaluate.add_argument("--method", choices=METHODS, default="em")
    evaluate.add_argument("--lambda1", type=float, default=0.5, help="participant fairness")
    evaluate.add_argument("--lambda2", type=float, default=0.5, help="speaker fairness")
    evaluate.add_argument("--solver", choices=SOLVERS, default="auto")
    evaluate.add_argument("--tracks", type=int, default=1, help="talks at most per slot")
    evaluate.add_argument("--repeats", type=int, default=1, help="times each talk is given")
    evaluate.add_argument("--time-limit", type=float, default=60.0, help="seconds (milp)")
    evaluate.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    try:
        problem = Problem(
            read_matrix(args.interest, "interest"),
            read_matrix(args.availability, "availability"),
            tracks=args.tracks,
            repeats=args.repeats,
        )
        fair = args.method == "mfairconf"
        result = solve(
            problem,
            args.method,
            lambda1=args.lambda1 if fair else 0.0,
            lambda2=args.lambda2 if fair else 0.0,
            solver=args.solver,
            time_limit=args.time_limit,
        )
    except SchedulingError as exc:
        print(f"s4p schedule: {exc}", file=sys.stderr)
        return 2
    metrics = result.metrics.as_dict()
    if args.json:
        out = {
            "method": result.method,
            "solver": result.solver,
            "participants": problem.participants,
            "talks": problem.talks,
            "slots": problem.slots,
            "seconds": round(result.seconds, 3),
            "proven_optimal": result.proven_optimal,
            "metrics": metrics,
            "schedule": {
                str(t + 1): [s + 1 for s in result.slots_of(t)] for t in range(problem.talks)
            },
        }
        if fair:
            out["lambda1"], out["lambda2"] = args.lambda1, args.lambda2
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{result.method} ({result.solver}) on {problem.participants} participants, "
        f"{problem.talks} talks, {problem.slots} slots: {result.seconds:.2f} s"
        + ("" if result.proven_optimal is not False else " (time limit: best found, not proven)")
    )
    for key, label in LABELS.items():
        print(
            f"  {label:12} {metrics[key]:.4f}"
            if key != "tep"
            else f"  {label:12} {metrics[key]:.2f}"
        )
    return 0
