"""Progress and cancellation, passed *into* long-running core functions.

Core code reports how far it got and asks whether to stop; it never knows who
is listening. The UI passes an adapter that drives a progress dialog, the CLI
one that prints, tests the do-nothing ``NULL_PROGRESS``.
"""

from __future__ import annotations

from typing import Protocol

from hrdesk.errors import CancelledError


class Progress(Protocol):
    def begin(self, label: str, total: int) -> None:
        """Start a phase of ``total`` steps (0 when the total is unknown)."""

    def advance(self, steps: int = 1) -> None:
        """Report ``steps`` more steps done."""

    def cancelled(self) -> bool:
        """True once the user has asked to stop."""


class NullProgress:
    """Progress that reports nowhere and never cancels."""

    def begin(self, label: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def cancelled(self) -> bool:
        return False


NULL_PROGRESS = NullProgress()


def check_cancelled(progress: Progress, what: str = "The operation") -> None:
    """Raise ``CancelledError`` if the user asked to stop; call between units of work."""
    if progress.cancelled():
        raise CancelledError(what)
