"""The Governance section: the six steps as a wizard, with a progress rail showing every step's state.

The rail (a list view over the core's ``StepView`` values) shows each step
signed, open, reopened (and by what) or locked; choosing a step shows its page:
what it needs now (read off the UI thread: step 4 and 5 read the records),
its answers as a form (the last signed answers, or for a step never signed an
example organisation's answers to change, or for step 1 one entry per finding
that needs a response), who signs, and Sign. The order is the core's
(``governance.wizard``): a locked step's page says which step comes first,
and a refused signing puts the cursor on the field that is wrong. A reopened
step whose answers did not change is signed again with one button.

The section refreshes when a change touches governance, audits, letters,
settings or the people records (``VaultEvents.watch``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hrdesk.errors import HrdeskError, InvalidAnswersError, StepNotOpenError
from hrdesk.governance import signoffs, wizard
from hrdesk.governance.steps import COUNT, STEPS, StepState
from hrdesk.governance.wizard import StepView
from hrdesk.session import Kind
from hrdesk.session.actor import Actor, Role
from hrdesk.ui import assets
from hrdesk.ui.errors import show_error
from hrdesk.ui.sections import SectionContext
from hrdesk.ui.table_model import ListTableModel
from hrdesk.ui.widgets import Card, label, set_message

WATCHED = (Kind.GOVERNANCE, Kind.AUDIT_RUNS, Kind.LETTERS, Kind.SETTINGS, Kind.EMPLOYEES, Kind.TEAMS, Kind.RATINGS)
STATE_WORDS = {StepState.SIGNED: "signed", StepState.OPEN: "to do now", StepState.REOPENED: "reopened",
               StepState.LOCKED: "locked"}
STATE_ICONS = {StepState.SIGNED: "check", StepState.OPEN: "pending", StepState.REOPENED: "warning",
               StepState.LOCKED: "lock"}


class StepRailModel(ListTableModel):
    """One row per step: its number, title and state; the icon says the state too."""

    COLUMNS = ("Step",)

    def cells(self, item: StepView) -> tuple[str, ...]:
        return (f"{item.step.number}. {item.step.title}\n{STATE_WORDS[item.state]}",)

    def tooltip(self, item: StepView, column: int) -> object:
        return item.sentence

    def role_data(self, item: StepView, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DecorationRole:
            return assets.icon(STATE_ICONS[item.state])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Step {item.step.number}, {item.step.title}: {STATE_WORDS[item.state]}"
        return None


@dataclass(frozen=True)
class PageData:
    """What one step's page shows, read together off the UI thread."""

    view: StepView
    shown: dict[str, Any]  # ``governance.show.show``
    answers: dict[str, Any]  # to prefill the form
    prefilled_from: str  # "last" | "example" | "findings"
    unchanged: bool  # the prefilled answers are the last signed ones (re-signing is one button)
    signers: tuple[str, ...]  # HR users of the vault


def _hr_users(vault: Any) -> tuple[str, ...]:
    from hrdesk.errors import PermissionDeniedError

    try:
        return tuple(u.name for u in vault.users() if Actor.of(u).role is Role.HR)
    except PermissionDeniedError:  # only HR reads the user list; only HR signs
        return ()


def read_page(vault: Any, number: int) -> PageData:
    """Everything a step's page needs (a read; step 4 and 5 decrypt records, so not on the UI thread)."""
    from hrdesk.errors import PermissionDeniedError
    from hrdesk.governance.show import show

    view = wizard.overview(vault)[number - 1]
    try:
        shown = show(vault, number)
    except PermissionDeniedError:  # an auditor: steps 4 and 5 name employees, which their role does not read
        shown = {**view.to_dict(), "now": {"not_shown": True}}
    if number == 1 and shown["now"].get("not_shown"):
        shown["now"] = {"audit_run": "", "findings": [], "not_shown": True}
    last = signoffs.latest(vault, number)
    if number == 1:
        answers = _step1_answers(shown, last.answers if last else None)
        source = "findings"
    elif last is not None:
        answers, source = dict(last.answers), "last"
    else:
        answers, source = _example(number), "example"
    unchanged = last is not None and signoffs.answers_hash(answers) == last.answers_hash
    return PageData(view, shown, answers, source, unchanged, _hr_users(vault))


def _example(number: int) -> dict[str, Any]:
    import json

    from hrdesk.paths import resource

    raw = json.loads(resource("governance", f"step-{number}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if k != "about"}


def _step1_answers(shown: dict[str, Any], earlier: dict[str, Any] | None) -> dict[str, Any]:
    """One entry per finding that needs an answer: the earlier answer if it had one, else blank."""
    kept = (earlier or {}).get("responses", {})
    responses: dict[str, Any] = {}
    for f in shown["now"].get("findings", []):
        if f["id"] in kept:
            responses[f["id"]] = kept[f["id"]]
        elif f["needs"] == "response":
            responses[f["id"]] = {"response": "mitigation", "text": "", "evidence": ""}
        else:
            responses[f["id"]] = {"acknowledged": False, "note": ""}
    return {"audit_run": "latest", "responses": responses}


class GovernanceView(QWidget):
    """The wizard: rail on the left, the chosen step's page on the right."""

    page_ready = Signal(int)  # a step's page was (re)built
    signed = Signal(int)  # a step was signed

    def __init__(self, context: SectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current = 0
        self.page: StepPage | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 16)
        outer.setSpacing(12)
        outer.addWidget(label("Governance before AI suggestions", "title"))
        self.status = label("", wrap=True)
        self.status.setAccessibleName("Governance status")
        outer.addWidget(self.status)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.rail_model = StepRailModel(self)
        self.rail = QListView()
        self.rail.setModel(self.rail_model)
        self.rail.setAccessibleName("Governance steps")
        self.rail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rail.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rail.setWordWrap(True)  # a long title wraps rather than widen the window at a large font
        self.rail.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.rail.setSpacing(3)
        metrics = self.rail.fontMetrics()  # wide enough for every title at the usual sizes, capped at large ones
        widest = max(metrics.horizontalAdvance(f"{s.number}. {s.title}") for s in STEPS)
        self.rail.setFixedWidth(min(widest + 3 * metrics.height() + 24, 290))
        self.rail.selectionModel().currentChanged.connect(lambda index, _prev: self.open_step(index.row() + 1))
        row.addWidget(self.rail, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row.addWidget(self.scroll, 1)
        outer.addLayout(row, 1)
        context.events.watch(self, WATCHED, self.refresh, name="GovernanceView")
        self.refresh()

    # --- state --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read every step's state (cheap) and the open page (off the UI thread)."""
        from hrdesk.governance.status import suggestion_status

        vault = self.context.vault
        views = wizard.overview(vault)
        status = suggestion_status(vault)
        self.rail_model.set_items(views)
        if status.live:
            set_message(self.status, f"{status.headline}: {status.reason}.", "ok")
        elif status.reopened:
            set_message(self.status, f"{status.headline}: {status.reopened}.", "warn")
        else:
            set_message(self.status, f"{status.headline}. No suggestion reaches a manager until all six steps are "
                                     f"signed, in order; next: step {status.next_step}.", "info")
        target = self.current or (status.next_step or COUNT)
        self._select(target)
        self.open_step(target, force=True)

    def _select(self, number: int) -> None:
        index = self.rail_model.index(number - 1, 0)
        selection = self.rail.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        selection.blockSignals(False)

    def open_step(self, number: int, *, force: bool = False) -> None:
        if not 1 <= number <= COUNT or (number == self.current and not force):
            return
        self.current = number
        self._select(number)

        def work(_progress: Any) -> PageData:
            return self.context.session.read(lambda vault: read_page(vault, number))

        self.context.runner.run(work, writes=False, show_progress=False, parent=self,
                                label=f"Reading governance step {number}",
                                on_success=lambda data: self._show_page(data))

    def _show_page(self, data: PageData) -> None:
        if data.view.step.number != self.current:
            return  # the user moved on while it loaded
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        actor = self.context.session.actor
        self.page = StepPage(data, actor.name, actor.role.value, self)
        self.page.sign_requested.connect(self.sign)
        self.scroll.setWidget(self.page)
        self.page_ready.emit(data.view.step.number)

    # --- signing ----------------------------------------------------------------------------

    def sign(self, number: int, answers: dict[str, Any], signer: str) -> None:
        session = self.context.session

        def work(_progress: Any) -> Any:
            return wizard.complete(session, number, answers, signer).result

        def failed(exc: BaseException) -> None:
            if isinstance(exc, (InvalidAnswersError, StepNotOpenError)) and self.page is not None:
                self.page.show_problem(exc)
            else:
                show_error(self, exc)

        def done(_result: Any) -> None:
            self.current = 0  # move on to the next step to do
            self.refresh()
            self.signed.emit(number)

        self.context.runner.run(work, label=f"Signing governance step {number}", on_success=done,
                                on_failure=failed, show_progress=False, parent=self)


class StepPage(QWidget):
    """One step: what it needs, the answers form, who signs, and Sign."""

    sign_requested = Signal(int, dict, str)

    def __init__(self, data: PageData, actor_name: str, actor_role: str = "admin",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from hrdesk.ui.governance_form import AnswersForm

        self.data = data
        view, step = data.view, data.view.step
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(12)
        layout.addWidget(label(f"Step {step.number} of {COUNT} · {step.title}", "heading", wrap=True))
        layout.addWidget(label(f"Needs {step.needs}.", "muted", wrap=True))
        self.state = label("", wrap=True)
        self.state.setAccessibleName("Step state")
        layout.addWidget(self.state)
        locked = view.state is StepState.LOCKED
        if locked:
            set_message(self.state, f"Locked: step {view.blocked_by} ({STEPS[view.blocked_by - 1].title}) comes first. "
                                    "The steps are signed in order.", "info")
        elif view.state is StepState.REOPENED and view.reopened_by:
            set_message(self.state, view.reopened_by.sentence(step.number).capitalize() + ".", "warn")
        elif view.state is StepState.SIGNED and view.signed:
            set_message(self.state, f"Signed by {view.signed.by} on {view.signed.time[:10]}.", "ok")
        else:
            set_message(self.state, "Open: answer below and sign.", "info")
        self.again = QPushButton("Sign again, answers unchanged")
        self.again.setAccessibleName(f"Sign step {step.number} again with unchanged answers")
        self.again.setProperty("role", "primary")
        self.again.setVisible(view.state is StepState.REOPENED and data.unchanged)
        self.again.clicked.connect(self._sign)
        layout.addWidget(self.again)
        layout.addWidget(self._needs_card(data))
        if step.number == 1:  # one finding at a time: an audit of 100,000 people raises hundreds
            from hrdesk.ui.governance_findings import Step1Form

            now = data.shown["now"]
            self.form: AnswersForm | Step1Form = Step1Form(data.answers, now.get("findings", []),
                                                           has_run=bool(now.get("audit_run")))
        else:
            self.form = AnswersForm(data.answers)
        self.form.setEnabled(not locked)
        answers_card = Card("Your answers")
        if data.prefilled_from == "example":
            answers_card.body.addWidget(label("Prefilled with the example answers of a fictional organisation "
                                              "that come with hrdesk. Change them to yours before signing.",
                                              "muted", wrap=True))
        answers_card.body.addWidget(self.form)
        layout.addWidget(answers_card)
        # a reader (an auditor) sees the answers signed, never the example a step starts from
        answers_card.setVisible(actor_role == "admin" or data.prefilled_from == "last")
        self.problem = label("", wrap=True)
        self.problem.setAccessibleName("Problem with the answers")
        set_message(self.problem, "", "bad")
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        self.signed_by = label("Signed by", "muted")
        row.addWidget(self.signed_by)
        self.signer = QComboBox()
        self.signer.addItems(list(data.signers))
        if actor_name in data.signers:
            self.signer.setCurrentText(actor_name)
        self.signer.setAccessibleName("Signed by (an HR user)")
        row.addWidget(self.signer)
        row.addStretch(1)
        self.sign_button = QPushButton(f"Sign step {step.number}")
        self.sign_button.setProperty("role", "primary")
        self.sign_button.setAccessibleName(f"Sign step {step.number}")
        self.sign_button.setEnabled(not locked)
        if not data.signers or actor_role != "admin":  # auditors read; only HR signs
            for widget in (self.signed_by, self.signer, self.sign_button, self.again):
                widget.setVisible(False)
            self.form.setEnabled(False)
            row.insertWidget(0, label("Read only: HR signs the governance steps.", "muted"))
        self.sign_button.clicked.connect(self._sign)
        row.addWidget(self.sign_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def _sign(self) -> None:
        set_message(self.problem, "", "bad")
        self.sign_requested.emit(self.data.view.step.number, self.form.value(), self.signer.currentText())

    def show_problem(self, exc: HrdeskError) -> None:
        set_message(self.problem, str(exc), "bad")
        field = getattr(exc, "field", "")
        target = self.form.control(field) if field else None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            parent = self.parent()
            while parent is not None and not isinstance(parent, QScrollArea):
                parent = parent.parent()
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(target)

    def _needs_card(self, data: PageData) -> Card:
        card = Card("What this step needs now")
        now, number = data.shown["now"], data.view.step.number
        lines: list[str] = []
        state = "ok"
        if now.get("not_shown"):
            lines.append("What this step needs names employees, so it is shown to HR only; its state and sign-off "
                         "are above.")
        elif number == 1:
            if not now["audit_run"]:
                lines.append("No saved audit run yet: run the audit in Audits first.")
                state = "warn"
            else:
                lines.append(f"Audit run {now['audit_run']} of {now['run_time'][:10]} (snapshot {now['snapshot'][:12]}).")
                if now["changes_since"]:
                    state = "warn"
                    lines.append(f"Out of date: {len(now['changes_since'])} change(s) since, the first: "
                                 f"{now['changes_since'][0]}. Run the audit again.")
                flags = sum(1 for f in now["findings"] if f["needs"] == "response")
                lines.append(f"{flags} flag(s) need a written response and {len(now['findings']) - flags} finding(s) "
                             "an acknowledgement.")
        elif number == 2:
            register = now["register"]
            ai = [d["label"] for d in register["decisions"] if d["ai_may_inform"]]
            lines.append("AI may inform: " + (", ".join(ai) if ai else "nothing yet") + ".")
            lines.append("Promotion, compensation and termination are human only and cannot be switched: "
                         + now["human_only_reason"])
            lines += [f"Unvalidated claim: {c}." for c in now["unvalidated_claims"]]
        elif number == 3:
            lines.append("Retention (months): " + ", ".join(f"{k} {v}" for k, v in now["retention_months"].items()) + ".")
            lines.append("Columns imports left out: " + (", ".join(now["dropped_columns"]) or "none recorded") + ".")
            if "summary" in data.shown:
                lines.append("")
                lines.append(data.shown["summary"])
        elif number == 4:
            managers = now["managers"]
            untrained = [m for m in managers if not m["trained"]]
            state = "warn" if untrained else "ok"
            lines.append(f"{len(managers) - len(untrained)} of {len(managers)} managers in scope have passed the quiz "
                         f"or had training attested (quiz: {now['quiz']['questions']} questions, pass mark "
                         f"{now['quiz']['pass_mark']:.0%}).")
            lines += [f"{m['name']} ({m['team_size']} in team): {m['state']}" for m in managers[:12]]
            if len(managers) > 12:
                lines.append(f"... and {len(managers) - 12} more.")
            lines.append("Managers take the quiz when signed in; training done elsewhere is attested in the answers.")
        elif number == 5:
            state = "warn" if now["lacking"] else "ok"
            lines.append(f"{now['ready']} of {now['employees']} employees have a current AI-use disclosure marked "
                         "delivered.")
            lines += [f"{p['name']}: {p['state']}, {p['reason']}" for p in now["lacking"][:8]]
            if len(now["lacking"]) > 8:
                lines.append(f"... and {len(now['lacking']) - 8} more: generate and mark their letters in Letters.")
        else:
            lines.append("Pilot teams are named by their manager: " + ", ".join(now["managers"][:20])
                         + (" ..." if len(now["managers"]) > 20 else "") + ".")
        text = label("\n".join(lines), wrap=True, selectable=True)
        text.setAccessibleName(f"What step {number} needs now")
        if state == "warn":
            set_message(text, text.text(), "warn")
        card.body.addWidget(text)
        return card
