# ruff: noqa: F811  (pytest fixtures imported from qt_fixtures are parameters of the tests below)
"""The Review page with the keyboard alone: Tab reaches every suggestion's verdict, its reason and context, the plan,
the rating and Save, in reading order; the arrow keys choose a verdict; every control has an accessible name;
Enter in a text field never saves a half-made review, and Escape changes nothing.

Found by this walk: Tab reached "Add a plan item" before the plan items shown above it, and an item added with
it was reached only after Save, at the end of the page.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget  # noqa: E402

import pytest  # noqa: E402

from hrdesk.reviews import query  # noqa: E402
from hrdesk.reviews.model import Verdict  # noqa: E402
from hrdesk.ui.screenshots import unnamed  # noqa: E402
from tests.qt_fixtures import (DialogRecorder, _app_style, _collect_garbage_on_the_main_thread, dialogs,  # noqa: E402,F401
                               runner, screenshot)
from tests.reviews.helpers import Org  # noqa: E402
from tests.reviews.test_reviews_gui import _page, as_trained  # noqa: E402,F401
from tests.ui_keyboard.test_ui_keyboard import at, focused, press, type_text  # noqa: E402

pytestmark = pytest.mark.gui


def _owner(widget: QWidget) -> QWidget:
    parent = widget.parentWidget()
    return parent if isinstance(parent, QComboBox | QDateEdit) else widget


def _tab_from(qtbot, start: QWidget, until: QWidget, limit: int = 120) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The controls Tab visits from ``start`` to ``until`` (fails if it never gets there)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focused() is start, timeout=2_000)
    seen = [start]
    for _ in range(limit):
        press(qtbot, Qt.Key.Key_Tab)
        now = _owner(focused())
        seen.append(now)
        if now is until:
            return seen
    raise AssertionError(f"Tab never reached {until.accessibleName()!r}; stuck at {focused().accessibleName()!r}")


def test_the_review_page_by_keyboard(qtbot, org: Org, as_trained, dialogs) -> None:
    view = _page(qtbot, as_trained, org.person)
    at(qtbot, view)
    assert len(view.decisions) >= 2 and not unnamed(view), unnamed(view)
    first = view.decisions[0]
    visited = _tab_from(qtbot, first.buttons[Verdict.ACCEPT], view.save_button)

    for box in view.decisions:  # every suggestion's verdict, then its reason and context, in that order
        radios = [b for b in box.buttons.values() if b in visited]
        assert radios, f"Tab never reaches a verdict of: {box.item.text}"
        assert visited.index(radios[0]) < visited.index(box.reason) < visited.index(box.context)
    rows = list(view.plan.rows)
    expected = [*(c for row in rows for c in (row.text.edit, row.source, row.remove)), view.plan.add_button, view.feedback.edit,
                view.rating, view.next_checkin.check, view.comment.edit, view.save_button]
    missed = [w.accessibleName() or w.text() for w in expected if w not in visited]
    assert not missed, f"Tab never reaches: {missed}"
    assert [visited.index(w) for w in expected] == sorted(visited.index(w) for w in expected)  # in reading order
    assert visited.index(view.decisions[-1].context) < visited.index(expected[0])

    # a plan item added from the keyboard is reached right after the ones before it, before "Add a plan item"
    view.plan.add_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Space)
    added = view.plan.rows[-1]
    assert len(view.plan.rows) == len(rows) + 1
    qtbot.waitUntil(added.isVisible, timeout=2_000)
    visited = _tab_from(qtbot, rows[-1].remove, view.plan.add_button)
    assert visited[1:] == [added.text.edit, added.source, added.remove, view.plan.add_button]

    # the arrow keys choose among one suggestion's verdicts (one Tab stop per group, as radio buttons go)
    first.buttons[Verdict.ACCEPT].setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Space)
    assert first.value() is not None and first.value().verdict is Verdict.ACCEPT
    press(qtbot, Qt.Key.Key_Right)
    assert focused() is first.buttons[Verdict.SET_ASIDE] and first.value().verdict is Verdict.SET_ASIDE
    press(qtbot, Qt.Key.Key_Right)
    assert focused() is first.buttons[Verdict.DISAGREE] and first.value().verdict is Verdict.DISAGREE

    # Enter in a text field does not save a review half made; Escape changes nothing either
    first.reason.setFocus()
    type_text(qtbot, "Already under way")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.wait(300)
    assert view.isVisible() and first.reason.text() == "Already under way"
    assert as_trained.session.read(lambda v: query.reviews(v, employee_id=org.person)) == []
    assert not dialogs.errors and not dialogs.crashes
