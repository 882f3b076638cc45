"""The manager AI-literacy training and quiz, taken by a signed-in manager in the app (governance step 4).

The dialog shows the training module, then the drawn questions (each a set of
radio buttons, options in this quiz's order) and marks the answers with the
core (``governance.training``), recording the attempt under the manager's own
employee record. Reached from Help → "AI-literacy training and quiz…", which
only managers see (one action registry).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hrdesk.governance import training
from hrdesk.ui.actions import ACTIONS, ActionSpec
from hrdesk.ui.widgets import Card, label, set_message

if TYPE_CHECKING:
    from hrdesk.session import Session
    from hrdesk.ui.main_window import MainWindow


def my_manager_record(session: "Session") -> training.Manager | None:
    """The signed-in manager as the records know them (their teams), or None."""
    user = session.vault.user
    for manager in training.managers_in_scope(session.records()):
        if (manager.employee_id and manager.employee_id == getattr(user, "employee_id", "")) or \
                manager.name.casefold() in {user.name.casefold(), (getattr(user, "manager_name", "") or "").casefold()}:
            return manager
    return None


class QuizDialog(QDialog):
    """The training module, the quiz, and the result."""

    def __init__(self, session: "Session", manager: training.Manager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager = manager
        self.setWindowTitle("AI-literacy training and quiz")
        self.quiz = training.draw(session.read(training.quiz_settings))
        self.groups: dict[str, QButtonGroup] = {}
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        column = QVBoxLayout(body)
        bank = training.bank()
        column.addWidget(label(bank.title, "title", wrap=True))
        for heading, text in bank.module:
            card = Card(heading)
            card.body.addWidget(label(text, wrap=True))
            column.addWidget(card)
        column.addWidget(label(f"Quiz: {len(self.quiz.questions)} questions; pass mark {self.quiz.pass_mark:.0%}.",
                               "heading", wrap=True))
        for number, question in enumerate(self.quiz.questions, start=1):
            card = Card()
            card.body.addWidget(label(f"{number}. {question.question}", wrap=True))
            group = QButtonGroup(card)
            for index, option in enumerate(question.options):
                row = QHBoxLayout()  # a radio button cannot wrap its text: the option is a wrapping label beside it
                button = QRadioButton()
                button.setAccessibleName(f"Question {number}: {option}")
                text = label(option, wrap=True)
                text.setBuddy(button)
                text.mousePressEvent = lambda _event, b=button: b.setChecked(True)  # type: ignore[method-assign]
                group.addButton(button, index)
                row.addWidget(button, 0)
                row.addWidget(text, 1)
                card.body.addLayout(row)
            self.groups[question.id] = group
            column.addWidget(card)
        self.result = label("", wrap=True)
        self.result.setAccessibleName("Quiz result")
        set_message(self.result, "", "info")
        column.addWidget(self.result)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        buttons = QDialogButtonBox()
        self.submit = buttons.addButton("Submit answers", QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setAccessibleName("Submit the quiz answers")
        close = buttons.addButton("Close", QDialogButtonBox.ButtonRole.RejectRole)
        close.setAccessibleName("Close the quiz")
        buttons.accepted.connect(self.submit_answers)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(760, 640)

    def chosen(self) -> dict[str, int]:
        return {qid: group.checkedId() for qid, group in self.groups.items() if group.checkedId() >= 0}

    def submit_answers(self) -> training.QuizResult:
        session, manager, quiz, chosen = self.session, self.manager, self.quiz, self.chosen()
        result = session.perform(lambda v: training.record_quiz(v, session.actor, manager, quiz, chosen)).result
        if result.passed:
            set_message(self.result, f"Passed: {result.correct} of {result.total} correct. Your training is recorded.",
                        "ok")
        else:
            set_message(self.result, f"Not passed: {result.correct} of {result.total} correct (pass mark "
                                     f"{quiz.pass_mark:.0%}). Read the module again and take a new quiz.", "bad")
        self.submit.setEnabled(False)
        return result


def open_quiz(window: "MainWindow") -> Any:
    from hrdesk.errors import InvalidInputError
    from hrdesk.ui.errors import show_error

    manager = my_manager_record(window.session)
    if manager is None:
        show_error(window, InvalidInputError("Your user is not linked to a team in the records, so there is no "
                                             "training to record.", hint="Ask HR to link your user to your record."))
        return None
    dialog = QuizDialog(window.session, manager, window)
    dialog.open()
    return dialog


ACTIONS.register(ActionSpec("governance.quiz", "AI-literacy &training and quiz…", "help", open_quiz,
                            tip="Take the manager AI-literacy training and its quiz (needed before you see any "
                                "AI suggestion)", order=30, roles=frozenset({"manager"})), replace=True)
