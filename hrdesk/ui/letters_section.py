"""Registers the Letters section's menu action (File → Write letters…); the view is ``letters_view.LettersView``.

The built-in sections already point the Letters entry at ``hrdesk.ui.letters_view``
(imported lazily, the first time the section opens); this module adds what the
window's menus need, once, when the built-in sections are registered.
"""

from __future__ import annotations

from hrdesk.ui.actions import ACTIONS, ActionSpec, go_to_section

WRITE_LETTERS = ActionSpec(
    "letters.write", "Write &letters…", "file", lambda window: go_to_section(window, "letters"), "",
    "Write AI-use disclosures and other letters to employees, and mark them delivered", order=45)


def register() -> None:
    if ACTIONS.get(WRITE_LETTERS.key) is None:
        ACTIONS.register(WRITE_LETTERS)


register()
