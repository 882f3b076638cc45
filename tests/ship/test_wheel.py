"""A non-editable install (``pip install .``, a wheel) carries every file hrdesk ships and finds it.

An editable install reads the files from the checkout, so it cannot show a
file missing from the package data; these tests build the real wheel and run
hrdesk from where pip put it, in a folder outside the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from hrdesk import paths
from tests.ship.smoke import Program, bare_env, run_smoke

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = (("hrdesk", paths.RESOURCES), ("hrdesk", *paths.UI_RESOURCES))


def shipped_files() -> set[str]:
    """Every file under the package's resource folders in the checkout, relative to the package."""
    files = set()
    for parts in SHIPPED:
        for path in ROOT.joinpath(*parts).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                files.add(path.relative_to(ROOT / "hrdesk").as_posix())
    return files


def clean_copy(target: Path) -> Path:
    """The checkout's files as a fresh clone has them: no ``*.egg-info`` left by an editable install, whose file
    list setuptools would otherwise use to fill in what ``pyproject.toml`` forgot to declare."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = clean_copy(tmp_path_factory.mktemp("source"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(source)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = out.glob("hrdesk-*.whl")
    return built


REPORT = """
import json, sys
from hrdesk import paths
root = paths.package_root()
files = sorted(p.relative_to(root).as_posix() for parts in (("resources",), paths.UI_RESOURCES)
               for p in root.joinpath(*parts).rglob("*") if p.is_file())
print(json.dumps({"root": str(root), "missing": paths.missing_resources(), "files": files}))
"""


def test_the_wheel_carries_every_resource_and_finds_it(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    # The installed copy comes first on the path; this environment's libraries (PySide6, numpy, ...) serve it.
    env = {**os.environ, "PYTHONPATH": str(target), "HRDESK_HOME": str(tmp_path / "home")}
    report = subprocess.run([sys.executable, "-c", REPORT], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=120)
    assert report.returncode == 0, report.stderr
    found = json.loads(report.stdout)
    assert Path(found["root"]) == target / "hrdesk", "hrdesk ran from the checkout, not from the installed wheel"
    assert found["missing"] == []
    assert shipped_files() - set(found["files"]) == set(), "files the checkout has that the wheel lacks"
    version = subprocess.run([sys.executable, "-m", "hrdesk", "--version"], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=120)
    assert version.returncode == 0 and "vault format" in version.stdout, version.stderr


@pytest.mark.build
def test_pip_install_into_a_fresh_environment_runs_every_command(wheel: Path, tmp_path: Path) -> None:
    """``pip install hrdesk-*.whl`` in a new virtual environment: the commands that read templates, fonts and
    examples work from outside the checkout (slow: installs PySide6, numpy, scipy, pandas, scikit-learn)."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True, text=True,
                          timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    run_smoke(Program([str(env_dir / "bin" / "hrdesk")], work, bare_env(home)))
