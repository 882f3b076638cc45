"""hrdesk.paths, hrdesk.settings and hrdesk.logs: plain Python, used by the window (no Qt here)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from hrdesk import logs, paths, settings as settings_store
from hrdesk.settings import MAX_RECENT, Settings


def test_paths_order_argument_then_env_then_platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "env-home"))
    assert paths.config_dir(tmp_path / "arg") == tmp_path / "arg" / "config"
    assert paths.log_dir() == tmp_path / "env-home" / "logs"
    monkeypatch.delenv(paths.ENV_HOME)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_STATE_HOME", "relative/ignored")
    dirs = paths.app_dirs()
    assert dirs.config == tmp_path / "xdg" / "hrdesk"
    assert dirs.logs == Path.home() / ".local" / "state" / "hrdesk" / "logs"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "roaming"))
    assert paths.app_dirs().config == tmp_path / "roaming" / "hrdesk" / "config"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert paths.app_dirs().config == Path.home() / "Library" / "Application Support" / "hrdesk"


def test_settings_defaults_round_trip_and_recent_list(tmp_path: Path) -> None:
    loaded = settings_store.load(tmp_path)
    assert loaded == Settings() and loaded.idle_lock_minutes == 10 and loaded.min_group_size == 5
    for number in range(MAX_RECENT + 3):
        loaded.remember_vault(tmp_path / f"v{number}.hrdesk")
    loaded.remember_vault(tmp_path / "v3.hrdesk")
    assert len(loaded.recent_vaults) == MAX_RECENT
    assert loaded.recent_vaults[0] == str((tmp_path / "v3.hrdesk").resolve())
    settings_store.save(loaded, tmp_path)
    assert settings_store.load(tmp_path) == loaded


def test_settings_survive_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / settings_store.FILE_NAME).write_text(json.dumps(
        {"idle_lock_minutes": "ten", "min_group_size": 7, "recent_vaults": ["a", 3], "unknown": True}))
    loaded = settings_store.load(tmp_path)
    assert loaded.idle_lock_minutes == 10 and loaded.min_group_size == 7 and loaded.recent_vaults == ["a"]
    (tmp_path / settings_store.FILE_NAME).write_text("{not json")
    assert settings_store.load(tmp_path) == Settings()
    clamped = settings_store.from_dict({"idle_lock_minutes": 100000})
    assert clamped.idle_lock_minutes == 240


def test_logs_rotating_file_and_tail(tmp_path: Path) -> None:
    logs.shutdown()
    try:
        file = logs.setup(tmp_path / "logs")
        logs.get("vault").info("opened a vault with %d tables", 3)
        assert "opened a vault with 3 tables" in logs.tail()
        assert file is not None and file.parent == tmp_path / "logs"
        logging.getLogger("hrdesk").handlers[-1].flush()
        assert "hrdesk.vault: opened a vault" in file.read_text()
    finally:
        logs.shutdown()


def test_idle_lock_minutes_are_kept_per_vault_and_user(tmp_path) -> None:
    settings = settings_store.Settings(idle_lock_minutes=15)
    vault = tmp_path / "org.hrdesk"
    assert settings.idle_minutes_for(vault, "Amy Dunn") == 15  # never chose: the default
    settings.set_idle_minutes_for(vault, "Amy Dunn", 500)
    assert settings.idle_minutes_for(vault, "Amy Dunn") == 240  # clamped like the default
    assert settings.idle_minutes_for(vault, "Dana HR") == 15
    assert settings.idle_minutes_for(tmp_path / "other.hrdesk", "Amy Dunn") == 15
    settings_store.save(settings, tmp_path / "config")
    loaded = settings_store.load(tmp_path / "config")
    assert loaded.idle_minutes_for(vault, "Amy Dunn") == 240
    broken = settings_store.from_dict({"idle_lock_by_user": {"x\nAmy": "two", "y\nBo": True, "z\nCy": 3}})
    assert broken.idle_lock_by_user == {"z\nCy": 3}
