"""The vault package is split by job with no import cycle (issue 7, section 3)."""

from __future__ import annotations

import ast
from pathlib import Path

VAULT = Path(__file__).resolve().parents[2] / "hrdesk" / "vault"


def _imports(module: Path) -> set[str]:
    """Sibling modules ``module`` imports anywhere (top level or inside functions), type-only imports excluded."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    type_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                 for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "hrdesk.vault":
                found |= {a.name for a in node.names if (VAULT / f"{a.name}.py").exists()}
            elif node.module.startswith("hrdesk.vault."):
                found.add(node.module.split(".")[2])
    return found - {module.stem}


def test_no_import_cycle_inside_the_vault_package() -> None:
    graph = {p.stem: _imports(p) for p in VAULT.glob("*.py") if p.stem != "__init__"}
    visiting, done = set(), set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in visiting, f"import cycle: {' -> '.join((*path, name))}"
        if name in done:
            return
        visiting.add(name)
        for dep in graph.get(name, ()):
            visit(dep, (*path, name))
        visiting.discard(name)
        done.add(name)

    for name in graph:
        visit(name, ())


def test_each_part_has_one_job() -> None:
    graph = {p.stem: _imports(p) for p in VAULT.glob("*.py") if p.stem != "__init__"}
    assert "vault" not in set().union(*graph.values()), "only the package exports the façade"
    assert not graph["store"] & {"keyring", "auditlog", "backup", "rotation"}
    assert not graph["keyring"] & {"auditlog", "backup", "rotation"}
    assert not graph["auditlog"] & {"keyring", "backup", "rotation"}
