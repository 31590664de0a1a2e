"""A small SVG bar chart of the travel an online event avoids, one bar per factor table
(matplotlib, text kept as text)."""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure


def avoided_svg(tonnes: dict[str, float]) -> str:
    figure = Figure(figsize=(4.2, 0.5 + 0.45 * len(tonnes)))
    axes = figure.add_subplot()
    names = list(tonnes)
    axes.barh(names, [tonnes[n] for n in names], color="#2e7d32")
    for position, name in enumerate(names):
        axes.text(tonnes[name], position, f" {tonnes[name]:,.1f} t", va="center", fontsize=8)
    axes.set_xlabel("t CO2e avoided", fontsize=8)
    axes.tick_params(labelsize=8)
    axes.set_xlim(0, max(tonnes.values()) * 1.35 or 1)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "s4p"}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
