"""Real TeX for the injection tests: run ``pdflatex -no-shell-escape -recorder`` on a source
and tell which files TeX opened and what text the PDF holds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def tools() -> tuple[str, str]:
    """pdflatex and pdftotext; the test fails (never skips) without them."""
    pdflatex, pdftotext = shutil.which("pdflatex"), shutil.which("pdftotext")
    if pdflatex is None or pdftotext is None:
        pytest.fail("pdflatex and pdftotext are required (scripts/test installs them)")
    return pdflatex, pdftotext


def typeset(folder: Path, name: str, source: str) -> tuple[list[str], str]:
    """The files TeX opened (the ``.fls`` lines) and the PDF's text, for ``source`` typeset
    in ``folder`` as ``name.tex``."""
    pdflatex, pdftotext = tools()
    (folder / f"{name}.tex").write_text(source, "utf-8")
    subprocess.run(
        [pdflatex, "-no-shell-escape", "-recorder", "-interaction=nonstopmode", f"{name}.tex"],
        cwd=folder,
        capture_output=True,
        timeout=300,
        check=False,
    )
    opened = (folder / f"{name}.fls").read_text(errors="replace").splitlines()
    text = subprocess.run(
        [pdftotext, str(folder / f"{name}.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return opened, text
