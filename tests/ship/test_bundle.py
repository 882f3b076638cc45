"""The packaged desktop app (PyInstaller, ``python -m tools.build``) works on its own: on demand, ``-m build``.

Builds the bundle (or takes ``$HRDESK_BUNDLE``, an existing one), checks the
archive against its SHA-256 file, unpacks it into a temporary folder and runs
the bundled ``hrdesk`` there with a bare environment: no virtual environment,
no checkout on the path, an empty home folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
from pathlib import Path

import pytest

from hrdesk import __version__
from tests.ship.smoke import Program, bare_env, run_smoke

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
#: Packages that must never be in the bundle: test-only and reference libraries, parts of scikit-learn and scipy
#: hrdesk never imports (build.spec lists them with how that was measured).
NEVER_PACKAGES = ("shap", "numba", "llvmlite", "fairlearn", "pypdf", "pytest", "hypothesis", "PyInstaller",
                  "sklearn/ensemble", "sklearn/datasets", "sklearn/tree", "sklearn/neighbors", "scipy/io", "scipy/signal")
#: Libraries that must not be in it: Qt modules hrdesk does not load, the GTK stack the GTK theme plugin brought,
#: and the desktop's own libraries, which must come from the system (fontconfig, X11, glib, libstdc++).
NEVER_LIBRARIES = ("libQt6Qml", "libQt6Quick", "libQt6VirtualKeyboard", "libQt6WebEngine", "libcairo", "libpango",
                   "libgdk_pixbuf", "libatk", "libfontconfig", "libfreetype", "libX11.", "libglib-2.0", "libstdc++")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unpacked app folder: from the release archive just built (checksum checked), or ``$HRDESK_BUNDLE``."""
    given = os.environ.get("HRDESK_BUNDLE")
    if given:
        return Path(given).resolve()
    pytest.importorskip("PyInstaller", reason="the build extra is not installed: pip install -e '.[build]'")
    from tools import build as tool

    work = tmp_path_factory.mktemp("build")
    built = tool.build(work / "dist", work / "work")
    assert built.archive is not None and built.checksum is not None
    digest, name = built.checksum.read_text(encoding="ascii").split()
    assert name == built.archive.name
    assert hashlib.sha256(built.archive.read_bytes()).hexdigest() == digest, "the archive does not match its checksum"
    unpacked = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(built.archive) as tar:
        tar.extractall(unpacked, filter="tar")
    return unpacked / built.folder.name


def executable(bundle: Path) -> Path:
    program = bundle / "hrdesk"
    assert program.is_file() and os.access(program, os.X_OK), f"no executable hrdesk in {bundle}"
    return program


def test_the_bundle_runs_every_smoke_step_from_a_bare_environment(bundle: Path, tmp_path: Path) -> None:
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    hrdesk = Program([str(executable(bundle))], work, bare_env(home))
    run_smoke(hrdesk)
    # not portable: the audit heads and logs went to the platform's places, under the (bare) home folder
    assert (home / ".local" / "share" / "hrdesk").is_dir()


def test_the_bundle_carries_every_shipped_file_and_nothing_it_must_not(bundle: Path) -> None:
    internal = bundle / "_internal"
    for folder in (ROOT / "hrdesk" / "resources", ROOT / "hrdesk" / "ui" / "resources"):
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                relative = path.relative_to(ROOT)
                assert (internal / relative).is_file(), f"the bundle lacks {relative}"
    for package in NEVER_PACKAGES:
        assert not (internal / package).exists(), f"{package} is in the bundle"
    libraries = [path.relative_to(internal).as_posix() for path in internal.rglob("*.so*")]
    unwanted = [path for path in libraries if path.rsplit("/", 1)[-1].startswith(NEVER_LIBRARIES)]
    assert unwanted == []
    assert not (internal / "PySide6" / "Qt" / "translations").exists()
    assert __version__ in bundle.name


def test_a_hrdesk_home_folder_beside_the_executable_makes_it_portable(bundle: Path, tmp_path: Path) -> None:
    portable = tmp_path / "stick" / bundle.name
    shutil.copytree(bundle, portable, symlinks=True)
    (portable / "hrdesk-home").mkdir()
    home = tmp_path / "home"
    home.mkdir()
    hrdesk = Program([str(portable / "hrdesk")], tmp_path, bare_env(home))
    hrdesk("demo", "p.hrdesk", "--employees", "30")
    hrdesk("verify", "p.hrdesk")
    assert list(home.rglob("*")) == [], "the portable app wrote into the user's home"
    assert any(p.is_file() for p in (portable / "hrdesk-home").rglob("*")), "nothing kept in hrdesk-home"
