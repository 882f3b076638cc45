"""The version lives in one place and is said the same way everywhere a person can ask for it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import hrdesk
from hrdesk.vault.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]


def test_pyproject_reads_the_version_from_the_package_and_spells_none_itself() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"]
    assert "version" not in project["project"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "hrdesk.__version__"}


def test_the_changelog_starts_with_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+) — (\d{4}-\d\d-\d\d)$", text, re.M)
    assert first is not None, "CHANGELOG.md has no '## <version> — <date>' heading"
    assert first.group(1) == hrdesk.__version__


def test_version_command_names_the_version_and_the_vault_format() -> None:
    done = subprocess.run([sys.executable, "-m", "hrdesk", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"hrdesk {hrdesk.__version__} (vault format {SCHEMA_VERSION})"
    assert hrdesk.version_text() == done.stdout.strip()


class _ClosedPipe:
    """A stdout whose reader went away (``hrdesk ... | head``)."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, _text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def isatty(self) -> bool:
        return False


def test_a_reader_going_away_is_not_reported_as_a_bug(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """`hrdesk employees VAULT list --json | head` once printed "hrdesk hit a bug: BrokenPipeError"."""
    from hrdesk import cli

    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    code = cli.main(["import", "--fields"])
    assert code == 0
    assert "hit a bug" not in capsys.readouterr().err
