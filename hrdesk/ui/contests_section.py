"""Registers the Contests section's menu action (File → Record a contest…); the view is ``contests_view.ContestsView``.

The built-in sections point the Contests entry at ``hrdesk.ui.contests_view``; this module adds the
keyboard way in, once, when the built-in sections are registered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrdesk.ui.actions import ACTIONS, ActionSpec, current_view, go_to_section

if TYPE_CHECKING:
    from hrdesk.ui.main_window import MainWindow


def record_contest(window: "MainWindow") -> None:
    """Go to Contests and open New contest (as soon as the section has read its cases)."""
    go_to_section(window, "contests")
    view = current_view(window)
    if view is not None and hasattr(view, "request_new_contest"):
        view.request_new_contest()


RECORD_CONTEST = ActionSpec(
    "contests.new", "&Record a contest…", "file", record_contest, "",
    "Record a contest an employee raised against a suggestion, a decision or their data", order=46,
    roles=frozenset({"admin"}))


def register() -> None:
    if ACTIONS.get(RECORD_CONTEST.key) is None:
        ACTIONS.register(RECORD_CONTEST)


register()
