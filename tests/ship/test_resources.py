"""hrdesk's own files are found through one helper (hrdesk.paths), from the checkout and from a bundle;
its writable folders follow HRDESK_HOME (portable) or the platform's places, the same Qt would choose."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hrdesk import paths

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_resource_is_found_from_the_checkout() -> None:
    assert paths.package_root() == ROOT / "hrdesk"
    assert paths.missing_resources() == []
    assert paths.resource("letters", "disclosure.txt").is_file()
    assert paths.ui_resource("icons", "app.svg").is_file()
    assert (paths.guide_dir() / "index.md").is_file()


def test_a_bundle_layout_is_found_through_meipass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PyInstaller bundle unpacks to sys._MEIPASS with the checkout's layout (build.spec copies it so)."""
    for part in ((paths.RESOURCES,), paths.UI_RESOURCES):
        shutil.copytree(ROOT.joinpath("hrdesk", *part), tmp_path.joinpath("hrdesk", *part))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.package_root() == tmp_path / "hrdesk"
    assert paths.missing_resources() == []
    from hrdesk.demo.settings import _candidates
    from hrdesk.letters.templates import builtin_dir, fonts_dir
    from hrdesk.suggest.development import catalogue_paths

    assert builtin_dir() == tmp_path / "hrdesk" / "resources" / "letters"
    assert fonts_dir() == tmp_path / "hrdesk" / "resources" / "fonts"
    assert catalogue_paths() == [tmp_path / "hrdesk" / "resources" / "suggest" / "development.json"]
    assert _candidates() == [tmp_path / "hrdesk" / "resources" / "demo.json"]
    shutil.rmtree(tmp_path / "hrdesk" / "resources" / "fonts")
    assert any("fonts" in missing for missing in paths.missing_resources())


def test_no_module_finds_shipped_files_on_its_own() -> None:
    """One helper: a second way of finding resources/ (through __file__) would break in the bundle unnoticed."""
    pattern = re.compile(r"""__file__.*(resources|docs)|["']resources["']\s*[/)]|/\s*["']resources["']""")
    offenders = []
    for path in sorted((ROOT / "hrdesk").rglob("*.py")):
        if path.name == "paths.py" or path.match("hrdesk/ui/screenshots.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "find shipped files through hrdesk.paths:\n" + "\n".join(offenders)


def test_hrdesk_home_keeps_everything_in_one_folder(tmp_path: Path) -> None:
    """Portable: with HRDESK_HOME set, a demo vault opened by the CLI writes nothing to the user's profile."""
    home, profile = tmp_path / "portable", tmp_path / "profile"
    profile.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HRDESK_HOME=str(home), HOME=str(profile), HRDESK_PASSPHRASE="demo-demo-demo")
    vault = tmp_path / "v.hrdesk"
    for args in (["demo", str(vault), "--employees", "30"], ["info", str(vault)], ["verify", str(vault)]):
        done = subprocess.run([sys.executable, "-m", "hrdesk", *args], env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
    assert list(profile.rglob("*")) == [], "wrote to the profile despite HRDESK_HOME"
    assert any(path.is_file() for path in home.rglob("*")), "nothing in HRDESK_HOME (the audit head is kept there)"


def test_without_hrdesk_home_the_folders_are_the_platforms(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "s"))
    if sys.platform.startswith("linux"):
        assert paths.app_dirs() == paths.AppDirs(config=tmp_path / "c" / "hrdesk", logs=tmp_path / "s" / "hrdesk" / "logs",
                                                 data=tmp_path / "d" / "hrdesk")
