"""The bundle leaves out parts of scikit-learn and scipy (build.spec); hrdesk's code must not start importing them.

The lists were measured (what every command, the window and the test suite
import); this guard catches the next change that imports, say,
``sklearn.ensemble`` directly, which would work from source and fail only in
the packaged app.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LISTS = ("UNUSED_SKLEARN", "UNUSED_SCIPY")


def excluded_modules() -> list[str]:
    """The module lists as build.spec computes them (its assignments run on their own)."""
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    namespace: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in LISTS for t in node.targets):
            exec(compile(ast.Module([node], type_ignores=[]), "build.spec", "exec"), namespace)  # noqa: S102
    modules = [name for key in LISTS for name in namespace[key]]  # type: ignore[attr-defined]
    assert len(modules) > 20 and "sklearn.ensemble" in modules
    return modules


def imported_by_hrdesk() -> dict[str, str]:
    """Every module hrdesk's source names in an import, with where."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "hrdesk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                found.setdefault(name, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_hrdesk_imports_nothing_the_bundle_leaves_out() -> None:
    excluded = excluded_modules()
    offenders = [f"{where}: {name}" for name, where in imported_by_hrdesk().items()
                 if any(name == module or name.startswith(module + ".") for module in excluded)]
    assert offenders == [], ("hrdesk now imports what build.spec leaves out of the bundle; take it off the "
                             "UNUSED lists there:\n" + "\n".join(offenders))


def test_the_guard_sees_hrdesks_own_imports() -> None:
    names = imported_by_hrdesk()
    assert "sklearn.linear_model" in names and "scipy.stats" in names
