"""The window's files under ``hrdesk/ui/resources``: stylesheet and icons.

Found through ``hrdesk.paths.ui_resource`` (the one place that knows where
hrdesk's files are, in a checkout and in the bundle). Plain paths are
cheaper at start-up than ``importlib.resources``, which imports ``zipfile``;
hrdesk is never run from a zip archive.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtGui import QIcon

from hrdesk import paths

ROOT = paths.ui_resource()


def resource_path(*parts: str) -> Path:
    """A real file path (Qt loads icons and fonts from paths, not streams)."""
    return ROOT.joinpath(*parts)


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")


def stylesheet(base_points: float | None = None) -> str:
    """The app stylesheet in the current palette's colours, text sized from ``base_points``
    (default: the application font's size, i.e. the system's), ``url(icons/x.svg)`` made absolute."""
    from PySide6.QtGui import QGuiApplication

    from hrdesk.ui import palette

    points = base_points if base_points is not None else QGuiApplication.font().pointSizeF()
    icons = resource_path("icons").as_posix()
    template = read_text("hrdesk.qss").replace("url(icons/", f"url({icons}/")
    return palette.render_stylesheet(template, palette.current(), points)


@functools.cache
def icon(name: str) -> QIcon:
    """``icon("lock")`` -> resources/icons/lock.svg; an empty icon if missing."""
    file = resource_path("icons", f"{name}.svg")
    return QIcon(str(file)) if file.is_file() else QIcon()
