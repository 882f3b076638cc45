"""Starting the desktop app: ``run()`` is what ``hrdesk`` (no subcommand) calls.

Start-up speed matters, so this module and the start dialog import only Qt
and light core modules; the vault (which pulls in sqlite-utils and, through
it, pandas), the demo generator and every heavy screen are imported inside
the functions that need them, mostly on a worker thread.

``HRDESK_EXIT_WHEN_SHOWN=1`` makes the app print ``shown <seconds since the
process started>`` and quit as soon as its first window is shown (start-up
benchmark).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from hrdesk import APP_ID, APP_NAME, logs, settings as settings_store
from hrdesk.settings import Settings
from hrdesk.ui import assets, palette
from hrdesk.ui.start_dialog import StartDialog

if TYPE_CHECKING:
    from types import TracebackType

    from hrdesk.progress import Progress
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.worker import TaskRunner
    from hrdesk.session import Session
    from hrdesk.vault import KdfParams, Vault

log = logs.get("ui.app")

ENV_EXIT_WHEN_SHOWN = "HRDESK_EXIT_WHEN_SHOWN"
_IMPORTED_AT = time.time()


def seconds_since_process_start() -> float:
    """Wall-clock age of this process (Linux: from /proc; elsewhere: since this module loaded)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22 of stat(5), counted after "(comm)"
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return max(0.0, uptime - started_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.time() - _IMPORTED_AT


def demo_banner(passphrase: str) -> str:
    return (f"Demo vault — passphrase: {passphrase} — the data is synthetic, nobody real is in it. "
            "It is deleted when you close hrdesk.")


class AppController(QObject):
    """Owns the runner and the windows: start dialog -> main window, or demo -> main window."""

    def __init__(self, settings: Settings, *, config_dir: Path | None = None, kdf: "KdfParams | None" = None) -> None:
        super().__init__()
        self.settings = settings
        self._runner: "TaskRunner | None" = None
        self.start_dialog: StartDialog | None = None
        self.window: "MainWindow | None" = None
        self.demo_folder: Path | None = None
        self._config_dir = config_dir
        self._kdf = kdf

    @property
    def runner(self) -> "TaskRunner":
        """Made on first use: the start window needs it only once the user opens or creates a vault."""
        if self._runner is None:
            from hrdesk.ui.worker import TaskRunner

            self._runner = TaskRunner(self)
        return self._runner

    def start(self) -> StartDialog:
        dialog = StartDialog(self.settings, lambda: self.runner, kdf=self._kdf, config_dir=self._config_dir)
        dialog.vault_opened.connect(self.open_window)
        dialog.demo_requested.connect(self.start_demo)  # "Try the demo" on the welcome page
        from hrdesk.ui.help_window import install_f1

        install_f1(dialog)  # the user guide, before any vault is open
        self.start_dialog = dialog
        dialog.show()
        _exit_when_shown(dialog)
        return dialog

    def open_window(self, session: "Session | Vault", banner: str = "") -> "MainWindow":
        from hrdesk.ui.main_window import MainWindow

        window = MainWindow(session, self.settings, self.runner, banner=banner, config_dir=self._config_dir)
        window.recovery_requested.connect(self.recover_passphrase)
        window.vault_switch_requested.connect(self.switch_vault)
        self.window = window
        window.show()
        self._daily_backup(window.session)
        return window

    def recover_passphrase(self, path: str) -> StartDialog:
        """From a locked window: show the start window's recovery page for ``path``, then close the window.

        The dialog is shown first so the app never has zero windows (which would quit it);
        closing the window closes the vault and releases its file lock before anyone can
        type a recovery key.
        """
        dialog = self.start()
        dialog.show_recover(path)
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()
        return dialog

    def switch_vault(self, then: str = "close") -> StartDialog:
        """File → Close vault ("close") or Open another vault ("open"): the window closes (closing
        the vault, with its backup) and the start window takes its place, without quitting."""
        dialog = self.start()  # first, so the app never has zero windows
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()
        if then == "open":
            QTimer.singleShot(0, dialog.welcome.browse_requested.emit)
        return dialog

    def _daily_backup(self, session: "Session") -> None:
        """At most one automatic backup a day (its copy's quick_check is the daily check of the vault's
        pages), besides the one taken when a changed vault closes; then, at most weekly, the check of
        every record, in the background."""
        def check(_progress: "Progress") -> None:
            session.backup_if_due()
            session.check_records_if_due()

        self.runner.run(check, label="Backing up", show_progress=False, writes=False)

    # --- demo -------------------------------------------------------------------------------

    def start_demo(self) -> None:
        """Build the demo vault in a temporary folder (in the background), then open it."""
        import tempfile

        if self.demo_folder is not None:  # a demo tried before in this run: its vault is closed by now
            import shutil

            shutil.rmtree(self.demo_folder, ignore_errors=True)
        self.demo_folder = Path(tempfile.mkdtemp(prefix="hrdesk-demo-"))
        folder, kdf = self.demo_folder, self._kdf
        if self.start_dialog is not None and self.start_dialog.isVisible():
            self.start_dialog.welcome.demo_button.setEnabled(False)
            self.start_dialog.welcome.demo_button.setText("Building the demo…")
        self.runner.run(lambda progress: build_demo(folder, progress, kdf), label="Building the demo organisation…",
                        on_success=self._demo_ready, on_failure=self._demo_failed)

    def _demo_ready(self, built: "tuple[Session, str]") -> None:
        session, passphrase = built
        window = self.open_window(session, banner=demo_banner(passphrase))
        if self.start_dialog is not None and self.start_dialog.isVisible():
            self.start_dialog.welcome.demo_button.setEnabled(True)
            self.start_dialog.welcome.demo_button.setText("Try the demo")
            self.start_dialog.hide()  # the window now shows; the start window comes back on Close vault
        _exit_when_shown(window)

    def _demo_failed(self, exc: BaseException) -> None:
        from hrdesk.ui.errors import show_error

        dialog = self.start_dialog if self.start_dialog is not None and self.start_dialog.isVisible() else None
        show_error(dialog, exc)
        if dialog is not None:  # tried from the start window: it stays, nothing quits
            dialog.welcome.demo_button.setEnabled(True)
            dialog.welcome.demo_button.setText("Try the demo")
            return
        self.cleanup()
        QApplication.quit()

    def cleanup(self) -> None:
        """Close the vault (through the window) and remove the demo folder, if any."""
        if self.window is not None and self.window.isVisible():
            self.window.close()
        if self.demo_folder is not None:
            import shutil

            shutil.rmtree(self.demo_folder, ignore_errors=True)
            self.demo_folder = None


def build_demo(folder: Path, progress: Progress, kdf: "KdfParams | None" = None) -> "tuple[Session, str]":
    """Worker-thread half of ``--demo``: generate, store, and open (a session on) the demo vault."""
    from hrdesk.demo import load_demo_settings
    from hrdesk.demo.build import build_demo_vault
    from hrdesk.session import Session
    from hrdesk.vault import KdfParams

    demo = load_demo_settings()
    # The demo passphrase is public, so tuning Argon2id for this machine would only cost time:
    # the recommended floor is used unless a caller (a test) passes its own.
    info = build_demo_vault(folder / "demo.hrdesk", passphrase=demo.passphrase, n_employees=demo.employees,
                            seed=demo.seed, kdf=kdf or KdfParams(), progress=progress, keep_open=True)
    assert info.vault is not None  # keep_open: the keys the creation derived, not a second Argon2id run
    return Session(info.vault), info.passphrase


def _exit_when_shown(widget: QWidget) -> None:
    if os.environ.get(ENV_EXIT_WHEN_SHOWN) != "1":
        return

    def report() -> None:
        print(f"shown {seconds_since_process_start():.3f}", flush=True)
        QApplication.quit()

    QTimer.singleShot(0, report)
    widget.setProperty("exit_when_shown", True)


def _first_uncaught(exc_type: type[BaseException], exc: BaseException, tb: "TracebackType | None") -> None:
    """Until something goes wrong, the crash dialog's module is not even loaded (start-up speed)."""
    from hrdesk.ui.errors import install_excepthook

    install_excepthook()
    hook = sys.excepthook
    (sys.__excepthook__ if hook is _first_uncaught else hook)(exc_type, exc, tb)


def install_lazy_excepthook() -> None:
    """Route uncaught exceptions to the error and crash dialogs, importing them on the first one."""
    sys.excepthook = _first_uncaught


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setStyle("Fusion")  # the stylesheet is written against Fusion on every platform
    palette.install(app)  # light or dark as the system is; text in the system font and size
    from hrdesk.ui.widgets import keep_windows_on_screen

    keep_windows_on_screen(app)
    app.setWindowIcon(assets.icon("app"))
    collect_garbage_on_main_thread(app)
    return app


GC_INTERVAL_MS = 5_000
GC_FULL_EVERY = 120  # ticks: a full collection every 10 minutes


class GcTicker:
    """Collects the young generations every tick and everything only every ``GC_FULL_EVERY`` ticks.

    A full collection walks every live object: with 100,000 employees loaded it
    froze the window for about 0.12 s every 5 s. The young generations hold what
    was allocated since the last tick, which is where almost all cycles die.
    What a big load leaves (``settle_after_load``) is frozen out of every
    collection, so even the full one walks only what came after it.
    """

    def __init__(self, full_every: int = GC_FULL_EVERY) -> None:
        self.full_every = full_every
        self.ticks = 0

    def tick(self) -> None:
        self.ticks += 1
        gc.collect(2 if self.ticks % self.full_every == 0 else 1)


def settle_after_load() -> None:
    """After a view has read a large data set (100,000 people) that it keeps until the next reload:
    move every object alive now into the collector's permanent generation (``gc.freeze``), so the
    periodic collections never walk it again (a full walk of 100,000 records froze the window for a
    tenth of a second). Objects that die later are still freed by reference counting; only cycles
    among them wait, which the records and snapshots do not form; ``release_after_clear`` hands
    everything back to the collector when the view drops its data (locking, closing)."""
    gc.freeze()


def release_after_clear() -> None:
    """Undo ``settle_after_load``: what was frozen is collected again by the next full collection."""
    gc.unfreeze()


def collect_garbage_on_main_thread(app: QApplication) -> None:
    """Python's cycle collector can otherwise run on a worker thread and free Qt objects
    there, which crashes Qt; collect only from the main thread's event loop instead."""
    if getattr(app, "_hrdesk_gc_timer", None) is not None:
        return
    gc.disable()
    timer = QTimer(app)
    timer.setInterval(GC_INTERVAL_MS)
    ticker = GcTicker()
    timer.timeout.connect(ticker.tick)
    timer.start()
    app._hrdesk_gc_timer = timer  # type: ignore[attr-defined]


def run(demo: bool = False) -> int:
    """Open the desktop app (on a fresh demo vault with ``demo=True``); returns the exit code."""
    logs.setup(to_file=False)  # the in-memory tail now; the log file once a window shows
    log.info("starting%s", " (demo)" if demo else "")
    settings = settings_store.load()
    app = make_application()
    install_lazy_excepthook()
    controller = AppController(settings)
    app.aboutToQuit.connect(controller.cleanup)
    if demo:
        controller.start_demo()
    else:
        controller.start()
    QTimer.singleShot(0, logs.setup)
    code = app.exec()
    controller.runner.wait_for_done()
    logs.shutdown()
    return int(code)
