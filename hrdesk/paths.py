"""Where hrdesk keeps settings, logs and app data, and where its own files are: this module alone decides.

Writable folders: an explicit argument, then ``$HRDESK_HOME`` (tests and the
portable build set it), then the platform's usual place. Plain Python, no Qt,
so the CLI and the core resolve the same folders as the window.

Read-only files hrdesk ships (letter templates, fonts, icons, the stylesheet,
governance examples, the development catalogue, demo settings, the user
guide) live inside the package (``hrdesk/resources``, ``hrdesk/ui/resources``)
and are found through ``resource()`` / ``ui_resource()`` / ``guide_dir()``,
relative to ``package_root()``: the checkout, an installed wheel (package
data) or a PyInstaller bundle (which keeps the same layout).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from hrdesk import APP_NAME

ENV_HOME = "HRDESK_HOME"
#: The folders under the package (``package_root()``); ``build.spec`` copies them to the same places in the bundle.
PACKAGE = "hrdesk"
RESOURCES = "resources"
UI_RESOURCES = ("ui", "resources")
GUIDE = ("guide",)  # under RESOURCES


@dataclass(frozen=True)
class AppDirs:
    """The folders hrdesk writes to; none of them ever holds personal data in plaintext."""

    config: Path
    logs: Path
    data: Path


def app_dirs(home: Path | str | None = None) -> AppDirs:
    """Resolve the folders without creating them (see ``ensure``)."""
    chosen = home or os.environ.get(ENV_HOME)
    if chosen:
        root = Path(chosen).expanduser()
        return AppDirs(config=root / "config", logs=root / "logs", data=root / "data")
    return _platform_dirs()


def _platform_dirs() -> AppDirs:
    user_home = Path.home()
    if sys.platform == "win32":
        root = Path(os.environ.get("APPDATA") or user_home / "AppData" / "Roaming") / APP_NAME
        return AppDirs(config=root / "config", logs=root / "logs", data=root / "data")
    if sys.platform == "darwin":
        support = user_home / "Library" / "Application Support" / APP_NAME
        return AppDirs(config=support, logs=user_home / "Library" / "Logs" / APP_NAME, data=support)
    return AppDirs(
        config=_xdg("XDG_CONFIG_HOME", user_home / ".config"),
        logs=_xdg("XDG_STATE_HOME", user_home / ".local" / "state") / "logs",
        data=_xdg("XDG_DATA_HOME", user_home / ".local" / "share"),
    )


def _xdg(variable: str, fallback: Path) -> Path:
    value = os.environ.get(variable, "")
    # The XDG spec says relative values are invalid and must be ignored.
    base = Path(value) if value and os.path.isabs(value) else fallback
    return base / APP_NAME


def ensure(folder: Path) -> Path:
    """Create ``folder`` (owner-only where the OS supports it) and return it."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def config_dir(home: Path | str | None = None) -> Path:
    return app_dirs(home).config


def log_dir(home: Path | str | None = None) -> Path:
    return app_dirs(home).logs


def data_dir(home: Path | str | None = None) -> Path:
    return app_dirs(home).data


def default_vault_folder(home: Path | str | None = None) -> Path:
    """Where the create dialog proposes a new vault: Documents if there is one."""
    if home or os.environ.get(ENV_HOME):
        return app_dirs(home).data
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else app_dirs().data


# --- files hrdesk ships ---------------------------------------------------------------------


def package_root() -> Path:
    """The ``hrdesk`` package folder, which holds every file hrdesk ships (``resources/``, ``ui/resources/``).

    The same in the three ways hrdesk runs: from a checkout, from an
    installed wheel (they are package data, see ``pyproject.toml``) and from
    the PyInstaller bundle, which unpacks to ``sys._MEIPASS`` and puts them
    under ``hrdesk/`` there (see ``build.spec``).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / PACKAGE
    return Path(__file__).resolve().parent


def resource(*parts: str) -> Path:
    """A file or folder under ``hrdesk/resources`` (``resource("letters", "disclosure.txt")``); not checked."""
    return package_root().joinpath(RESOURCES, *parts)


def ui_resource(*parts: str) -> Path:
    """A file under ``hrdesk/ui/resources`` (the stylesheet, ``icons/``): Qt loads them from paths."""
    return package_root().joinpath(*UI_RESOURCES, *parts)


def guide_dir() -> Path:
    """The user guide's pages and images (``hrdesk/resources/guide``), shown by Help (F1) in the window."""
    return resource(*GUIDE)


def missing_resources() -> list[str]:
    """What a damaged installation lacks (empty when complete); the build and wheel tests check with it."""
    wanted = [resource("letters", "disclosure.txt"), resource("fonts", "DejaVuSans.ttf"),
              resource("fonts", "DejaVuSans-Bold.ttf"), resource("governance", "quiz.json"),
              resource("governance", "step-1.json"), resource("suggest", "development.json"), resource("demo.json"),
              ui_resource("hrdesk.qss"), ui_resource("icons", "app.svg"), guide_dir() / "index.md",
              guide_dir() / "img" / "audits.png"]
    return [str(path) for path in wanted if not path.exists()]
