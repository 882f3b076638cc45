"""Named loggers, a rotating log file, and an in-memory tail for crash reports.

Rule for every ``log.*`` call in hrdesk: counts, opaque ids, table and field
names, file names — never a personal value (a name, a rating, a note). The
audit log inside the vault is the user-facing record; this is for debugging.
"""

from __future__ import annotations

import collections
import logging
import threading
import traceback
from pathlib import Path
from types import TracebackType

from hrdesk import paths

ROOT = "hrdesk"
LOG_FILE = "hrdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
TAIL_LINES = 300
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class TailHandler(logging.Handler):
    """Keeps the last formatted lines in memory for the crash dialog."""

    def __init__(self, capacity: int = TAIL_LINES) -> None:
        super().__init__()
        self._lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a broken log call must never become a second crash
            self.handleError(record)
            return
        with self._guard:
            self._lines.extend(text.splitlines())

    def lines(self, limit: int | None = None) -> list[str]:
        with self._guard:
            items = list(self._lines)
        return items[-limit:] if limit else items


_tail = TailHandler()
_tail.setFormatter(logging.Formatter(FORMAT))
_file_handler: logging.Handler | None = None


def get(area: str) -> logging.Logger:
    """The logger for one area, e.g. ``get("ui.worker")`` -> ``hrdesk.ui.worker``."""
    return logging.getLogger(f"{ROOT}.{area}" if area else ROOT)


def setup(log_dir: Path | None = None, *, level: int = logging.INFO, to_file: bool = True) -> Path | None:
    """Attach the tail (always) and the rotating file (unless ``to_file`` is False).

    Idempotent: calling it again only changes the level. Returns the log file.
    """
    global _file_handler
    root = logging.getLogger(ROOT)
    root.setLevel(level)
    if _tail not in root.handlers:
        root.addHandler(_tail)
    if not to_file:
        return None
    if _file_handler is None:
        from logging.handlers import RotatingFileHandler  # not at import time: start-up speed

        folder = paths.ensure(log_dir or paths.log_dir())
        handler = RotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
        _file_handler = handler
    return Path(getattr(_file_handler, "baseFilename", "")) or None


def shutdown() -> None:
    """Detach and close the file handler (tests, and a clean exit)."""
    global _file_handler
    if _file_handler is not None:
        logging.getLogger(ROOT).removeHandler(_file_handler)
        _file_handler.close()
        _file_handler = None


def tail(limit: int = 200) -> str:
    return "\n".join(_tail.lines(limit))


def log_bug(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log an uncaught exception's type and stack, but not its message.

    The message of an arbitrary exception may quote a personal value (a
    ``KeyError('Jane Doe')``); the stack frames never do. The crash dialog
    shows the full message on screen, where the user decides what to share.
    """
    frames = "".join(traceback.format_tb(tb))
    get("bug").error("uncaught %s.%s\n%s", exc_type.__module__, exc_type.__qualname__, frames.rstrip())
