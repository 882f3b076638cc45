"""The user guide's pictures, from the demo organisation, with one command anyone can re-run::

    python -m hrdesk.ui.screenshots --guide hrdesk/resources/guide/img

builds the demo vault in a temporary folder and walks it the way the guide
tells the story: a first look, an import, an audit, governance signed step by
step, a trained model, letters, a manager signing in, a packet (when this
build has one). State changes go through the ``hrdesk`` command (the same
core the window calls); the window only shows the result. Each picture is
saved under the name the guide's pages use (``hrdesk.guide.images``); a
picture of a screen this build does not have yet is not faked: it is listed
as missing, and the command exits 1 if the guide names a picture it could not
make.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SIZE = (1280, 800)
PASSPHRASE = "demo-demo-demo"
MANAGER = "Rafael Ramirez"  # the demo's harsh rater: the manager the guide follows
MANAGER_PASSPHRASE = "manager-demo-passphrase"
AUDITOR = "Avery Auditor"
EMPLOYEES = 300  # the demo's usual size (resources/demo.json)
SIGNER = "Demo HR"
CYCLE = "2026 annual"


@dataclass
class Album:
    """Where pictures go, what was made and what could not be (with the reason)."""

    out: Path
    app: QApplication
    made: list[str] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)

    def save(self, widget: QWidget, name: str, *, size: tuple[int, int] | None = SIZE) -> Path:
        from hrdesk.ui.screenshots import settle

        widget.show()
        if size is not None:
            widget.resize(*size)
        settle(self.app, 250)
        path = self.out / name
        widget.grab().save(str(path))
        self.made.append(name)
        return path

    def skip(self, name: str, reason: str) -> None:
        self.missing[name] = reason


def hrdesk(*args: str, passphrase: str = PASSPHRASE, user: str | None = None) -> str:
    """Run an ``hrdesk`` subcommand in this process (the real CLI); returns what it printed, raises on failure."""
    import io

    from hrdesk.cli import main

    argv = list(args) + (["--user", user] if user else [])
    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("HRDESK_PASSPHRASE")
    os.environ["HRDESK_PASSPHRASE"] = passphrase
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        if old is None:
            os.environ.pop("HRDESK_PASSPHRASE", None)
        else:
            os.environ["HRDESK_PASSPHRASE"] = old
    if code != 0:
        raise RuntimeError(f"hrdesk {' '.join(args)} exited {code}: {err.getvalue()[-2000:]}")
    return out.getvalue()


def has_command(name: str) -> bool:
    from hrdesk.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001 - argparse keeps them here
    return name in sub.choices  # type: ignore[operator]


def section_built(key: str) -> bool:
    from hrdesk.ui.sections import REGISTRY

    section = REGISTRY.get(key)
    return section is not None and not getattr(section, "planned", False)


# --- the story --------------------------------------------------------------------------------


def walk_governance(vault: Path, answers: Path) -> None:
    """What the HR guide does after the audit: step 1, train, steps 2-4, letters delivered, steps 5 and 6."""
    v = str(vault)
    hrdesk("governance", v, "complete", "1", "--answers", str(answers / "step-1.json"), "--signed-by", SIGNER)
    hrdesk("suggest", v, "train")
    for step in (2, 3, 4):
        hrdesk("governance", v, "complete", str(step), "--answers", str(answers / f"step-{step}.json"),
               "--signed-by", SIGNER)
    letters = vault.parent / "letters"
    letters.mkdir(exist_ok=True)  # letters --out must be an existing folder
    hrdesk("letters", v, "disclosure", "--all", "--merged", "--out", str(letters))
    hrdesk("letters", v, "delivered", "--all", "--channel", "email", "--date", "2026-11-20")
    for step in (5, 6):
        hrdesk("governance", v, "complete", str(step), "--answers", str(answers / f"step-{step}.json"),
               "--signed-by", SIGNER)
    if has_command("review"):
        hrdesk("review", v, "cycle", "open", CYCLE)
    if has_command("contest"):
        someone = team_of(vault, MANAGER)[0]
        hrdesk("contest", v, "add", "--employee", someone, "--about", "decision", "--subject", "2025 H2 rating",
               "--reason", "My rating does not reflect the project I led in the autumn.", "--received", "2026-11-16")
        hrdesk("contest", v, "assign", "C-0001", "--reviewer", SIGNER)
        other = team_of(vault, MANAGER)[1]
        hrdesk("contest", v, "add", "--employee", other, "--about", "suggestion", "--subject",
               "Development suggestion", "--reason", "I was told a suggestion named me; I want to know what it said.",
               "--received", "2026-11-02", "--reviewer", SIGNER)
    if has_command("monitor"):
        hrdesk("monitor", v)


def team_of(vault: Path, manager: str) -> list[str]:
    """Employee ids of the current people in ``manager``'s team (from ``hrdesk employees --json``)."""
    people = json.loads(hrdesk("employees", str(vault), "list", "--json"))
    return [p["employee_id"] for p in people if p.get("manager") == manager and p.get("status") == "Active"]


@contextlib.contextmanager
def window_on(path: Path, passphrase: str, folder: Path, *, user: str | None = None,
              section: str = "overview") -> Iterator[object]:
    from hrdesk.session import Session
    from hrdesk.settings import Settings
    from hrdesk.ui.main_window import MainWindow
    from hrdesk.ui.screenshots import settle
    from hrdesk.ui.worker import TaskRunner

    runner = TaskRunner()
    settings = Settings()
    settings.last_section = section
    session = Session.open(path, passphrase, user=user)
    window = MainWindow(session, settings, runner, config_dir=folder / "config")
    window.resize(*SIZE)
    window.show()
    settle(QApplication.instance(), 300)
    try:
        yield window
    finally:
        runner.wait_for_done()
        window.close()
        runner.wait_for_done()
        settle(QApplication.instance(), 50)


def show(window, key: str) -> QWidget:  # type: ignore[no-untyped-def]
    from hrdesk.ui.screenshots import settle

    window.show_section(key)
    view = window.shell.stack.currentWidget()
    settle(QApplication.instance(), 300, until=lambda: not window.runner.busy, timeout=120)
    settle(QApplication.instance(), 200)
    return view


def first_look(album: Album, vault: Path, folder: Path) -> None:
    from hrdesk.settings import Settings
    from hrdesk.ui.start_dialog import StartDialog
    from hrdesk.ui.worker import TaskRunner

    runner = TaskRunner()
    dialog = StartDialog(Settings(), runner, config_dir=folder / "config")
    album.save(dialog, "start.png", size=None)
    dialog.show_create()
    album.save(dialog, "create-vault.png", size=None)
    dialog.close()
    runner.wait_for_done()
    with window_on(vault, PASSPHRASE, folder) as window:
        album.save(window, "overview-new.png")
        show(window, "employees")
        album.save(window, "employees.png")
        import_dialog(album, window)


def import_dialog(album: Album, window) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.ui.screenshots import REPO_DATA, settle

    window.actions_by_key["file.import"].trigger()
    settle(album.app)
    dialog = window.import_dialog
    if not REPO_DATA.is_file():
        album.skip("import-mapping.png", "tests/data/HRDataset_v14.csv is not in this checkout")
        dialog.close()
        return
    dialog.load_file(REPO_DATA)
    settle(album.app, 300, until=lambda: dialog.page() != 0 and not dialog._busy, timeout=60)  # noqa: SLF001
    album.save(dialog, "import-mapping.png", size=None)
    dialog.close()
    settle(album.app)


def audits(album: Album, vault: Path, folder: Path) -> None:
    hrdesk("audit", str(vault))
    with window_on(vault, PASSPHRASE, folder) as window:
        view = show(window, "audits")
        inner = getattr(view, "view", view)
        select = getattr(inner, "select_finding", None)
        if callable(select):
            with contextlib.suppress(Exception):
                select(0)
        album.save(window, "audits.png")
        show(window, "governance")
        album.save(window, "governance-step1.png")


def live(album: Album, vault: Path, folder: Path) -> None:
    with window_on(vault, PASSPHRASE, folder) as window:
        album.save(window, "overview-live.png")
        show(window, "governance")
        album.save(window, "governance-done.png")
        view = show(window, "suggestions")
        select_retention_row(view)
        album.save(window, "suggestions.png")
        tabs = getattr(view, "tabs", None)
        if tabs is not None:
            tabs.setCurrentIndex(1)
            album.save(window, "model-card.png")
        letters_preview(album, show(window, "letters"))
        album.save(window, "letters.png")
        optional_section(album, window, "contests", "contests.png")
        optional_section(album, window, "monitoring", "monitoring.png")
        show(window, "auditlog")
        album.save(window, "audit-log.png")
        packet_dialog(album, window, folder)
        window.actions_by_key["help.contents"].trigger()
        help_window = window.help_dialog
        help_window.show_page("hr.md")
        album.save(help_window, "help.png", size=(1100, 720))
        help_window.close()


def select_retention_row(view: QWidget) -> None:
    """The first retention-risk suggestion, whose explanation lists each factor's contribution."""
    table = getattr(view, "table", None)
    model = table.model() if table is not None else None
    if model is None:
        return
    for row in range(model.rowCount()):
        if "retention" in str(model.index(row, 2).data()).lower():
            table.setCurrentIndex(model.index(row, 0))
            table.selectRow(row)
            table.scrollTo(model.index(row, 0))
            return


def letters_preview(album: Album, section: QWidget) -> None:
    from hrdesk.ui.letters_view import LettersView
    from hrdesk.ui.screenshots import settle

    view = section if isinstance(section, LettersView) else section.findChild(LettersView)
    if view is None:
        return
    view.show_preview()
    settle(album.app, 500, until=lambda: view.document.pageCount() > 0, timeout=60)
    settle(album.app, 300)


def review_session(album: Album, view: QWidget) -> None:
    """The manager's review page for the first person in their team with a suggestion to decide on."""
    from hrdesk.ui.screenshots import settle

    picker = getattr(view, "picker", None)
    if picker is None:
        return
    for row in range(picker.count()):
        view.show_person(picker.itemData(row))
        settle(album.app, 300, until=lambda: not view.loading, timeout=60)
        if getattr(view, "decisions", None):
            break
    settle(album.app, 300)
    if view.decisions:  # what a manager has typed before saving: an accepted topic with its reason
        from PySide6.QtWidgets import QLineEdit, QRadioButton

        box = view.decisions[0]
        box.findChildren(QRadioButton)[0].setChecked(True)
        fields = box.findChildren(QLineEdit)
        if fields:
            fields[0].setText("Asked for a cross-team project at our last check-in.")
        if len(fields) > 1:
            fields[1].setText("Back from parental leave in March; wants to be seen again beyond the line.")


def optional_section(album: Album, window, key: str, name: str) -> None:  # type: ignore[no-untyped-def]
    if not section_built(key):
        album.skip(name, f"the {key} section is not in this build yet")
        return
    show(window, key)
    album.save(window, name)


def manager(album: Album, vault: Path, folder: Path) -> None:
    from hrdesk.settings import Settings
    from hrdesk.ui.start_dialog import StartDialog
    from hrdesk.ui.worker import TaskRunner

    os.environ["HRDESK_NEW_PASSPHRASE"] = MANAGER_PASSPHRASE
    try:
        hrdesk("user", "add", str(vault), MANAGER, "--role", "manager", "--manager-name", MANAGER)
    finally:
        os.environ.pop("HRDESK_NEW_PASSPHRASE", None)
    settings = Settings()
    settings.remember_vault(vault)
    runner = TaskRunner()
    dialog = StartDialog(settings, runner, config_dir=folder / "config")
    dialog.show_unlock(str(vault))
    dialog.unlock.user.setText(MANAGER)
    album.save(dialog, "sign-in.png", size=None)
    dialog.close()
    runner.wait_for_done()
    with window_on(vault, MANAGER_PASSPHRASE, folder, user=MANAGER) as window:
        album.save(window, "manager-overview.png")
        if section_built("reviews"):
            view = show(window, "reviews")
            review_session(album, view)
            album.save(window, "review-session.png")
            if getattr(view, "decisions", None):
                view.scroll.ensureWidgetVisible(view.decisions[0], 0, 0)
                view.scroll.verticalScrollBar().setValue(view.decisions[0].mapTo(view.scroll.widget(),
                                                                                view.decisions[0].rect().topLeft()).y() - 70)
                album.save(window, "review-decisions.png")
            else:
                album.skip("review-decisions.png", f"no suggestion reached {MANAGER}'s team in the demo")
        else:
            album.skip("review-session.png", "the Reviews section is not in this build yet")
        show(window, "employees")
        album.save(window, "manager-employees.png")
        select_retention_row(show(window, "suggestions"))
        album.save(window, "manager-suggestions.png")
        from hrdesk.ui.training_quiz import open_quiz

        quiz = open_quiz(window)
        if quiz is not None:
            album.save(quiz, "training-quiz.png", size=None)
            quiz.close()


PACKET_PAGES = {"packet-cover.png": "", "packet-contents.png": "Contents", "packet-chart.png": "four-fifths line"}


def packet(album: Album, vault: Path, folder: Path) -> None:
    """The packet as the auditor receives it: its cover, contents and a page of rate charts."""
    if not has_command("packet"):
        for name in PACKET_PAGES:
            album.skip(name, "`hrdesk packet` is not in this build yet")
        return
    pdf = folder / "packet.pdf"
    hrdesk("packet", str(vault), "--out", str(pdf))
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf))
    for name, words in PACKET_PAGES.items():
        page = next((i for i in range(1, document.pageCount()) if words and words in document.getAllText(i).text()
                     and (words == "Contents" or "Contents" not in document.getAllText(i).text())), 0)
        if words and not page:
            album.skip(name, f"no page of the packet says '{words}'")
            continue
        render_pdf_page(document, page, album.out / name)
        album.made.append(name)
    document.close()


def packet_dialog(album: Album, window, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """File → Export audit packet…, after the export: the preview beside the choices."""
    from hrdesk.ui.screenshots import settle

    action = window.actions_by_key.get("file.packet")
    if action is None:
        album.skip("packet-export.png", "this build has no Export audit packet in the window")
        return
    action.trigger()
    dialog = window.packet_dialog
    dialog.path.setText(str(folder / "Northwind audit packet.pdf"))
    dialog.export()
    settle(album.app, 500, until=lambda: getattr(dialog, "preview", None) is not None and not window.runner.busy,
           timeout=300)
    album.save(dialog, "packet-export.png", size=None)
    dialog.close()


def render_pdf_page(document, page: int, out: Path, width: int = 900) -> None:  # type: ignore[no-untyped-def]
    """One page of a loaded QPdfDocument as a PNG (QtPdf renders it as the auditor's viewer would)."""
    points = document.pagePointSize(page)
    size = QSize(width, int(width * points.height() / points.width()))
    document.render(page, size).save(str(out))


def shoot_guide(out: Path, missing_report: Path | None = None) -> Album:
    """Make every guide picture this build can make into ``out``; the album says what was made and what not."""
    from hrdesk.demo.build import build_demo_vault
    from hrdesk.paths import resource
    from hrdesk.ui import palette
    from hrdesk.ui.widgets import keep_windows_on_screen
    from hrdesk.vault import KdfParams

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    palette.install(app, dark=False)
    keep_windows_on_screen(app)
    album = Album(out, app)
    with tempfile.TemporaryDirectory(prefix="hrdesk-guide-") as temp:
        folder = Path(temp)
        os.environ["HRDESK_HOME"] = str(folder / "home")
        vault = build_demo_vault(folder / "Northwind.hrdesk", passphrase=PASSPHRASE, n_employees=EMPLOYEES, seed=1,
                                 kdf=KdfParams.fast_for_tests()).path
        first_look(album, vault, folder)
        audits(album, vault, folder)
        walk_governance(vault, resource("governance"))
        live(album, vault, folder)
        packet(album, vault, folder)
        manager(album, vault, folder)
    if missing_report is not None:
        missing_report.write_text(json.dumps(album.missing, indent=1) + "\n", encoding="utf-8")
    return album


def main(out: Path) -> int:
    """Run in a child process on a 1280x800 offscreen screen; exit 1 if the guide names a picture not made."""
    import subprocess

    from hrdesk import guide
    from hrdesk.ui.screenshots import screen_config

    out = out.resolve()
    with tempfile.TemporaryDirectory(prefix="hrdesk-guide-screen-") as temp:
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen_config(Path(temp), *SIZE)}")
        report = Path(temp) / "missing.json"
        done = subprocess.run([sys.executable, "-m", "hrdesk.ui.guide_shots", str(out), str(report)], env=env,
                              timeout=900, capture_output=True, text=True)
        missing = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {}
    noise = "does not support propagateSizeHints"  # the offscreen platform says so for every window
    print("\n".join(line for line in done.stderr.splitlines() if noise not in line), file=sys.stderr)
    if done.returncode != 0:
        return done.returncode
    named = guide.images()
    absent = [name for name in named if not (out / name).is_file()]
    print(f"{len(named) - len(absent)} of the {len(named)} pictures the guide names are in {out}")
    for name, reason in missing.items():
        print(f"  not made: {name}: {reason}")
    for name in absent:
        print(f"  MISSING: the guide shows {name}, which was not made")
    return 1 if absent else 0


if __name__ == "__main__":
    album = shoot_guide(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    print(f"{len(album.made)} pictures made, {len(album.missing)} not")
    sys.exit(0)
