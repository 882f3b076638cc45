"""The demo's settings: size, seed, organisation name, and the passphrase shown on screen.

Declared once, typed, with defaults; ``resources/demo.json`` may override
them (so the documentation and the app agree on the passphrase without
anyone editing code). The reference date is fixed, not "today", because the
same seed must give the same organisation on any day.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, fields, replace
from pathlib import Path

from hrdesk import paths

log = logging.getLogger("hrdesk.demo")


@dataclass(frozen=True)
class DemoSettings:
    org_name: str = "Northwind Components (demo)"
    admin_name: str = "Demo HR"
    employees: int = 300
    seed: int = 1
    passphrase: str = "demo-demo-demo"  # public on purpose: a demo vault holds no real data
    as_of: dt.date = dt.date(2026, 10, 31)


def _candidates() -> list[Path]:
    return [paths.resource("demo.json")]


def load_demo_settings(path: Path | None = None) -> DemoSettings:
    """Defaults, overridden by the first ``demo.json`` found (or by ``path``)."""
    for candidate in [path] if path else _candidates():
        if candidate.is_file():
            return _from_json(candidate)
    return DemoSettings()


def _from_json(path: Path) -> DemoSettings:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("ignoring unreadable demo settings %s: %s", path, exc)
        return DemoSettings()
    known = {f.name for f in fields(DemoSettings)}
    values = {k: v for k, v in data.items() if k in known}
    if "as_of" in values:
        values["as_of"] = dt.date.fromisoformat(str(values["as_of"]))
    for key in ("employees", "seed"):
        if key in values:
            values[key] = int(values[key])
    return replace(DemoSettings(), **values)
