"""The architecture, checked by reading the source (docs/development.md, "Layers").

1. Views and API handlers obtain objects only through ``access_*`` functions and read lists
   only through ``queries.*``: no ORM call and no ``get_object_or_404`` in ``views*.py`` or
   ``api.py``.
2. Imports flow one way: lib → models → rules → domain → interfaces → views/api; ``core``
   imports no app, and no app imports the top of the house (``portal``).

An exception must be listed in ALLOWED with the reason it has to stay.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "science4peace"

# Method names that build or run a query on a manager or queryset.
ORM_METHODS = {
    "filter",
    "exclude",
    "select_related",
    "prefetch_related",
    "annotate",
    "aggregate",
    "order_by",
    "values_list",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "only",
    "defer",
    "distinct",
    "raw",
    "extra",
    "select_for_update",
}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}

# (module relative to the package, the offending name) -> why it stays.
ALLOWED: dict[tuple[str, str], str] = {}

LAYERS = {"lib": 0, "models": 1, "rules": 2, "domain": 3, "interfaces": 4, "top": 5}


def _interface_modules() -> list[Path]:
    found = sorted(PACKAGE.glob("*/views.py")) + sorted(PACKAGE.glob("*/views/*.py"))
    found += sorted(PACKAGE.glob("*/views_*.py"))
    found += [*sorted(PACKAGE.glob("*/api.py")), PACKAGE / "api.py"]
    return [p for p in found if p.name != "__init__.py"]


def _relative(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


def _orm_calls(tree: ast.AST) -> list[tuple[int, str]]:
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}:
            hits.append((node.lineno, node.attr))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in ORM_METHODS:
                hits.append((node.lineno, func.attr))
            elif isinstance(func, ast.Name) and func.id in SHORTCUTS:
                hits.append((node.lineno, func.id))
        elif isinstance(node, ast.ImportFrom) and node.module == "django.shortcuts":
            hits.extend((node.lineno, a.name) for a in node.names if a.name in SHORTCUTS)
    return hits


@pytest.mark.parametrize("path", _interface_modules(), ids=_relative)
def test_interface_module_obtains_objects_only_through_the_funnel(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    offending = [
        f"{_relative(path)}:{line} {name}"
        for line, name in _orm_calls(tree)
        if (_relative(path), name) not in ALLOWED
    ]
    assert offending == []


def _layer(module: str) -> tuple[str, int] | None:
    """(app, layer) of a dotted module name inside the package, None outside it."""
    parts = module.split(".")
    if parts[0] != "science4peace":
        return None
    if len(parts) < 2:
        return "science4peace", LAYERS["lib"]  # the package itself: its version only
    app = parts[1]
    if app == "lib":
        return app, LAYERS["lib"]
    if len(parts) < 3:
        return app, LAYERS["top"]
    part = parts[2]
    if part in {"models", "migrations", "validators", "db"}:
        return app, LAYERS["models"]
    if part == "rules":
        return app, LAYERS["rules"]
    if part in {"domain", "audit", "mail", "uploads", "identifiers", "signals"}:
        return app, LAYERS["domain"]
    if part in {"interfaces", "forms", "converters", "templatetags"}:
        return app, LAYERS["interfaces"]
    return app, LAYERS["top"]


def _source_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _module_name(path: Path) -> str:
    if path == PACKAGE:
        return "science4peace"
    parts = ["science4peace", *path.relative_to(PACKAGE).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    parts = dotted.split(".")[1:]
    target = PACKAGE.joinpath(*parts) if parts else PACKAGE
    return target.with_suffix(".py").exists() or (target / "__init__.py").exists()


def _imports(tree: ast.AST, path: Path) -> list[tuple[int, str]]:
    """Every module an import statement names; ``from a import b`` names ``a.b`` when that
    is a module, else ``a``."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(filter(None, [*parent, node.module or ""]))
            for alias in node.names:
                dotted = f"{base}.{alias.name}"
                found.append((node.lineno, dotted if _is_module(dotted) else base))
    return found


@pytest.mark.parametrize("path", _source_modules(), ids=_relative)
def test_module_imports_only_lower_layers(path):
    module = _module_name(path)
    here = _layer(module)
    assert here is not None
    app, level = here
    tree = ast.parse(path.read_text(), filename=str(path))
    offending = []
    for line, imported in _imports(tree, path):
        there = _layer(imported)
        if there is None:
            continue
        other_app, other_level = there
        if (_relative(path), imported) in ALLOWED:
            continue
        if app == "lib" and other_app != "lib":
            offending.append(f"{line}: lib imports {imported}")
        elif app == "core" and other_app not in {"core", "lib", "settings"}:
            offending.append(f"{line}: core imports the app {imported}")
        elif other_app == "portal" and app != "portal" and path.name != "urls.py":
            offending.append(f"{line}: only the project's urls import the portal: {imported}")
        elif other_level > level and level < LAYERS["top"]:
            offending.append(f"{line}: layer {level} imports layer {other_level}: {imported}")
    assert offending == []
