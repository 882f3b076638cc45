"""Render every built screen, as a person would see it, into PNG files, and report what looks broken.

One command, offscreen::

    python -m hrdesk.ui.screenshots screenshots/ [1280x800 1024x640 font14pt]

(``--guide hrdesk/resources/guide/img`` instead makes the user guide's pictures: ``guide_shots``)
writes ``<variant>/<screen>.png`` for three variants — a 1280x800 screen, a
1024x640 screen, and a 14 pt system font on 1280x800 — each rendered in its own
offscreen process whose screen has that size, and ``report.json``
listing, per screen, every control that is clipped (smaller than its own
minimum size, or a wrapped label shorter than its text), anything reaching
past the window's right edge or needing a sideways scroll, and every
focusable control a screen reader would announce without a name. The demo
organisation (synthetic, in a temporary folder) provides the data; the real
HR dataset from ``tests/data`` is loaded into the import dialog when present.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QAccessible, QFont  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

VARIANTS: dict[str, tuple[int, int, float | None]] = {
    "1280x800": (1280, 800, None),
    "1024x640": (1024, 640, None),
    "font14pt": (1280, 800, 14.0),
}
REPO_DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "HRDataset_v14.csv"
DEMO_EMPLOYEES = 120
FOCUSABLE = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton, QTextEdit, QPlainTextEdit)


@dataclass
class ScreenReport:
    """What was wrong with one screen in one variant (empty lists: nothing)."""

    variant: str
    screen: str
    png: str
    size: tuple[int, int]
    clipped: list[str] = field(default_factory=list)
    too_wide: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.clipped or self.too_wide or self.unnamed)


# --- the checks -----------------------------------------------------------------------------


def _describe(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "placeholderText", "accessibleName"):
        value = getattr(widget, getter, None)
        if callable(value) and value():
            text = value()
            break
    return f"{type(widget).__name__} {widget.objectName()!r} {text[:40]!r}".strip()


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.window() is window and widget.width() > 0


def clipped(window: QWidget) -> list[str]:
    """Controls smaller than they need to show their content (sizeHint/minimumSizeHint vs geometry)."""
    out = []
    for w in window.findChildren(QWidget):
        if not _shown(w, window) or isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            continue
        if isinstance(w, QLabel):
            if w.wordWrap() and w.hasHeightForWidth() and w.text():
                need = w.heightForWidth(w.width())
                if w.height() + 2 < need:
                    out.append(f"{_describe(w)}: {w.height()} px high, needs {need}")
            elif not w.wordWrap() and w.text() and not w.pixmap() and w.width() + 2 < w.minimumSizeHint().width():
                out.append(f"{_describe(w)}: {w.width()} px wide, needs {w.minimumSizeHint().width()}")
        elif isinstance(w, QAbstractButton | QComboBox | QAbstractSpinBox | QLineEdit):
            hint = w.minimumSizeHint()
            if w.width() + 2 < hint.width() or w.height() + 2 < hint.height():
                out.append(f"{_describe(w)}: {w.width()}x{w.height()}, needs {hint.width()}x{hint.height()}")
    return out


def too_wide(window: QWidget) -> list[str]:
    """Anything reaching past the window's right edge, and scroll areas that scroll sideways."""
    out = []
    for sa in window.findChildren(QAbstractScrollArea):
        if (_shown(sa, window) and isinstance(sa, QScrollArea) and sa.horizontalScrollBar().isVisible()):
            out.append(f"sideways scroll in {_describe(sa)}")
    for w in window.findChildren(QWidget):
        if _shown(w, window) and isinstance(w, (*FOCUSABLE, QLabel)):
            right = w.mapTo(window, w.rect().topRight()).x()
            if right > window.width() + 1 and not _inside_sideways_view(w, window):
                out.append(f"{_describe(w)} ends at x={right} > {window.width()}")
    return out


def _inside_sideways_view(widget: QWidget, window: QWidget) -> bool:
    """Cells of a table may extend right (the table scrolls); that is the table's business."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def unnamed(window: QWidget) -> list[str]:
    """Focusable controls a screen reader would announce with no name."""
    out = []
    for w in window.findChildren(QWidget):
        if not _shown(w, window) or not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not isinstance(w, FOCUSABLE):
            continue
        if isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # the inner editor of a spin box or combo box is named through its owner
        iface = QAccessible.queryAccessibleInterface(w)
        if not (iface and (iface.text(QAccessible.Text.Name) or "").strip()):
            out.append(_describe(w))
    return out


# --- driving the app ------------------------------------------------------------------------


def settle(app: QApplication, ms: int = 150, until: Callable[[], bool] | None = None, timeout: float = 30.0) -> None:
    """Let queued work and painting finish (and, with ``until``, wait for a condition)."""
    end = time.monotonic() + ms / 1000
    limit = time.monotonic() + timeout
    while time.monotonic() < end or (until is not None and not until() and time.monotonic() < limit):
        app.processEvents()
        time.sleep(0.01)


class Shooter:
    """Saves screens of one variant and checks them."""

    def __init__(self, app: QApplication, out: Path, variant: str, size: tuple[int, int]) -> None:
        self.app, self.out, self.variant, self.size = app, out / variant, variant, size
        self.out.mkdir(parents=True, exist_ok=True)
        self.reports: list[ScreenReport] = []

    def shoot(self, window: QWidget, screen: str, *, resize: bool = True) -> ScreenReport:
        window.show()  # a window opens no larger than the (800x800 offscreen) screen; then it is sized
        if resize:
            window.resize(*self.size)
        settle(self.app)
        png = self.out / f"{screen}.png"
        window.grab().save(str(png))
        report = ScreenReport(self.variant, screen, str(png), (window.width(), window.height()),
                              clipped(window), too_wide(window), unnamed(window))
        wanted_w, wanted_h = self.size
        if not resize and (window.width() > wanted_w or window.height() > wanted_h):
            report.too_wide.insert(0, f"opens at {window.width()}x{window.height()}, larger than a "
                                      f"{wanted_w}x{wanted_h} screen")
        if resize and (window.width() > wanted_w or window.height() > wanted_h):
            minimum = window.minimumSizeHint()
            report.too_wide.insert(0, f"the window cannot shrink to {wanted_w}x{wanted_h}: it stays "
                                      f"{window.width()}x{window.height()} (minimum {minimum.width()}x{minimum.height()})")
        self.reports.append(report)
        return report


PASSPHRASE = "demo-demo-demo"


def _demo_vault(folder: Path) -> Path:
    from hrdesk.demo.build import build_demo_vault
    from hrdesk.vault import KdfParams

    return build_demo_vault(folder / "demo.hrdesk", passphrase=PASSPHRASE, n_employees=DEMO_EMPLOYEES, seed=1,
                            kdf=KdfParams.fast_for_tests()).path


def _start_screens(shooter: Shooter, settings, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.settings import Settings
    from hrdesk.ui.start_dialog import StartDialog
    from hrdesk.ui.worker import TaskRunner

    runner = TaskRunner()
    fresh = StartDialog(Settings(), runner, config_dir=folder / "config")
    shooter.shoot(fresh, "start_welcome_first_run", resize=False)
    fresh.close()
    dialog = StartDialog(settings, runner, config_dir=folder / "config")
    shooter.shoot(dialog, "start_welcome", resize=False)
    dialog.show_create()
    shooter.shoot(dialog, "start_create", resize=False)
    dialog.show_unlock(settings.recent_vaults[0])
    shooter.shoot(dialog, "start_unlock", resize=False)
    dialog.show_recover(settings.recent_vaults[0])
    shooter.shoot(dialog, "start_recover", resize=False)
    dialog.recovery.show_key("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
    dialog.pages.setCurrentWidget(dialog.recovery)
    shooter.shoot(dialog, "start_recovery_key", resize=False)
    dialog.vault = None
    dialog.close()
    runner.wait_for_done()


def _window_screens(shooter: Shooter, vault, settings, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.worker import TaskRunner

    runner = TaskRunner()
    window = MainWindow(vault, settings, runner, config_dir=folder / "config")
    app = shooter.app
    for section in window.registry.sections():
        window.show_section(section.key)
        view = window.shell.stack.currentWidget()
        settle(app, 200, until=lambda v=view: not getattr(v, "loading", False) and getattr(v, "loaded", True) is not False)
        if section.key == "audits":
            _with_an_audit(window, runner)
        if section.key == "monitoring":
            _with_monitoring(window, runner)
        shooter.shoot(window, f"section_{section.key}")
        if section.key == "employees":
            _employee_page(shooter, window)
        if section.key == "reviews":
            _review_page(shooter, window)
        if section.key == "contests":
            _contest_dialogs(shooter, view)
    window.show_section("overview")
    for name, action in (("help", "help.contents"),):
        window.actions_by_key[action].trigger()
        settle(app)
        dialog = getattr(window, "help_dialog", None)
        if dialog is not None:
            shooter.shoot(dialog, f"dialog_{name}", resize=False)
            dialog.close()
    _import_dialog(shooter, window)
    _packet_dialog(shooter, window)
    window.lock()
    settle(app, until=lambda: window.is_locked)
    shooter.shoot(window, "lock_screen")
    window.close()
    runner.wait_for_done()


def _with_an_audit(window, runner) -> None:  # type: ignore[no-untyped-def]
    view = window.shell.stack.currentWidget()
    if getattr(view, "_runs", None):
        return
    button = getattr(view, "run_button", None)
    if button is not None:
        button.click()
        settle(QApplication.instance(), 300, until=lambda: not runner.busy and bool(getattr(view, "_runs", None)),
               timeout=120)


def _with_monitoring(window, runner) -> None:  # type: ignore[no-untyped-def]
    view = window.shell.stack.currentWidget()
    button = getattr(view, "run_button", None)
    if button is not None and getattr(view, "report", None) is None and button.isVisible():
        button.click()
        settle(QApplication.instance(), 300, until=lambda: not runner.busy and view.report is not None, timeout=120)


def _employee_page(shooter: Shooter, window) -> None:  # type: ignore[no-untyped-def]
    view = window.shell.stack.currentWidget()
    table = getattr(view, "table", None)
    if table is None or table.model() is None or not table.model().rowCount():
        return
    view._open_index(table.model().index(0, 0))
    settle(shooter.app, 300, until=lambda: view.stack.currentWidget() is view.detail)
    settle(shooter.app, 300)
    shooter.shoot(window, "employee_page")
    view.show_list()


def _review_page(shooter: Shooter, window) -> None:  # type: ignore[no-untyped-def]
    view = window.shell.stack.currentWidget()
    picker = getattr(view, "picker", None)
    if picker is None or not picker.count():
        return
    view.show_person(picker.itemData(0))
    settle(shooter.app, 300, until=lambda: view.page is not None and not view.loading, timeout=60)
    shooter.shoot(window, "review_page")


def _packet_dialog(shooter: Shooter, window) -> None:  # type: ignore[no-untyped-def]
    window.actions_by_key["file.packet"].trigger()
    settle(shooter.app)
    dialog = getattr(window, "packet_dialog", None)
    if dialog is not None:
        shooter.shoot(dialog, "packet_export", resize=False)
        dialog.close()


def _with_contests(path: Path) -> None:
    """Three cases in the demo vault (one overdue, one decided), so the Contests section shows what it is for."""
    import datetime as dt

    from hrdesk.contests.cases import NewContest, Resolution
    from hrdesk.contests.model import Outcome, Subject
    from hrdesk.contests.rules import response_days
    from hrdesk.session import Session

    today = dt.date.today()
    session = Session.open(path, PASSPHRASE)
    try:
        promised = session.read(response_days)
        people = [e for e in session.records().employees.list() if not e.is_leaver and e.team_id][:3]
        cases = ((Subject.DECISION, "the 2026 performance rating", "The rating leaves out the project I led.", 30),
                 (Subject.SUGGESTION, "the retention-risk flag", "I am not planning to leave.", 3),
                 (Subject.DATA, "the department on record", "I moved to a new department in March.", 12))
        for person, (kind, subject, reason, ago) in zip(people, cases):
            received = today - dt.timedelta(days=ago)
            session.add_contest(NewContest(person.employee_id, kind, subject, reason, received,
                                           subject_ref="department" if kind is Subject.DATA else "",
                                           due_on=None if promised else received + dt.timedelta(days=14),
                                           reviewer=session.actor.name))
        decided = session.contests()[-1]
        session.resolve_contest(decided.id, Resolution(Outcome.NOT_UPHELD, "The transfer starts next month.", today))
    finally:
        session.close(backup=False)


def _contest_dialogs(shooter: Shooter, view) -> None:  # type: ignore[no-untyped-def]
    if not hasattr(view, "new_contest") or view.data is None:
        return
    if view.model.rowCount():
        view.select(view.model.item(0).id)
    for make, screen in ((view.new_contest, "contest_new"), (view.resolve, "contest_resolve")):
        dialog = make()
        if dialog is not None:
            shooter.shoot(dialog, screen, resize=False)
            dialog.reject()
    settle(shooter.app)


def _import_dialog(shooter: Shooter, window) -> None:  # type: ignore[no-untyped-def]
    window.actions_by_key["file.import"].trigger()
    settle(shooter.app)
    dialog = getattr(window, "import_dialog", None)
    if dialog is None:
        return
    shooter.shoot(dialog, "import_file", resize=False)
    if REPO_DATA.is_file():
        dialog.load_file(REPO_DATA)
        settle(shooter.app, 300, until=lambda: dialog.page() != 0 and not dialog._busy, timeout=60)
        shooter.shoot(dialog, "import_mapping", resize=False)
    dialog.close()
    settle(shooter.app)


def shoot_variant(out: Path, variant: str) -> list[ScreenReport]:
    """Render every screen of one variant in this process (whose screen should be that variant's size)."""
    from hrdesk.settings import Settings
    from hrdesk.ui import palette
    from hrdesk.ui.widgets import keep_windows_on_screen
    from hrdesk.vault import Vault

    width, height, points = VARIANTS[variant]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    if points:
        font = QFont(app.font())
        font.setPointSizeF(points)
        app.setFont(font)
    palette.install(app, dark=False)
    keep_windows_on_screen(app)
    with tempfile.TemporaryDirectory(prefix="hrdesk-shots-") as temp:
        folder = Path(temp)
        path = _demo_vault(folder)
        settings = Settings()
        settings.remember_vault(folder / "moved-away.hrdesk")  # a recent vault that no longer exists
        settings.remember_vault(path)
        _with_contests(path)
        shooter = Shooter(app, out, variant, (width, height))
        _start_screens(shooter, settings, folder)
        _window_screens(shooter, Vault.open(path, PASSPHRASE), settings, folder)  # closed with the window
    (out / f"report-{variant}.json").write_text(json.dumps([asdict(r) for r in shooter.reports], indent=1))
    return shooter.reports


def screen_config(folder: Path, width: int, height: int) -> Path:
    """An offscreen-platform configuration with one screen of this size (a 1024x640 laptop, ...)."""
    config = folder / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return config


def shoot_all(out: Path, variants: Iterable[str] = tuple(VARIANTS)) -> list[ScreenReport]:
    """Render every screen in every variant into ``out``, each variant in its own process on a screen of
    its size (so windows and dialogs meet the same limits as on that laptop); writes ``report.json``."""
    import subprocess

    out.mkdir(parents=True, exist_ok=True)
    reports: list[ScreenReport] = []
    with tempfile.TemporaryDirectory(prefix="hrdesk-screens-") as temp:
        for variant in variants:
            width, height, _points = VARIANTS[variant]
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen_config(Path(temp), width, height)}")
            done = subprocess.run([sys.executable, "-m", "hrdesk.ui.screenshots", "--variant", variant, str(out)],
                                  env=env, capture_output=True, text=True, timeout=600)
            report = out / f"report-{variant}.json"
            if done.returncode != 0 or not report.is_file():
                raise RuntimeError(f"the {variant} screenshots failed:\n{done.stderr[-3000:]}")
            reports += [ScreenReport(**(r | {"size": tuple(r["size"])})) for r in json.loads(report.read_text())]
    (out / "report.json").write_text(json.dumps([asdict(r) | {"ok": r.ok} for r in reports], indent=1))
    return reports


def iter_problems(reports: list[ScreenReport]) -> Iterator[str]:
    for r in reports:
        for kind in ("clipped", "too_wide", "unnamed"):
            for item in getattr(r, kind):
                yield f"{r.variant}/{r.screen}: {kind}: {item}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--guide"]:  # the user guide's pictures, under the names its pages use
        from hrdesk.ui import guide_shots

        return guide_shots.main(Path(args[1] if len(args) > 1 else "hrdesk/resources/guide/img"))
    if args[:1] == ["--variant"]:  # a child process: one variant, on a screen of its size
        shoot_variant(Path(args[2]).resolve(), args[1])
        return 0
    if args[:1] and args[0].startswith("-"):  # -h, --help, or an option this tool lacks: never a folder name
        print(__doc__)
        return 0 if args[0] in ("-h", "--help") else 2
    out = Path(args[0] if args else "screenshots").resolve()
    chosen = [name for name in args[1:] if name in VARIANTS] or list(VARIANTS)  # e.g. "1024x640"
    reports = shoot_all(out, chosen)
    problems = list(iter_problems(reports))
    print(f"{len(reports)} screenshots in {out}; {len(problems)} problems")
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
