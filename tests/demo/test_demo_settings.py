"""Demo settings come from resources/demo.json, with safe defaults."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hrdesk.demo import DemoSettings, load_demo_settings


def test_shipped_settings_are_found():
    settings = load_demo_settings()
    assert settings.passphrase == "demo-demo-demo"
    assert settings.employees == 300 and settings.seed == 1
    assert settings.org_name and isinstance(settings.as_of, dt.date)


def test_a_file_overrides_and_unknown_keys_are_ignored(tmp_path: Path):
    path = tmp_path / "demo.json"
    path.write_text(json.dumps({"employees": "120", "as_of": "2025-05-31", "colour": "blue"}), encoding="utf-8")
    settings = load_demo_settings(path)
    assert settings.employees == 120 and settings.as_of == dt.date(2025, 5, 31)
    assert settings.passphrase == DemoSettings().passphrase


def test_an_unreadable_file_falls_back_to_defaults(tmp_path: Path):
    path = tmp_path / "demo.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_demo_settings(path) == DemoSettings()
