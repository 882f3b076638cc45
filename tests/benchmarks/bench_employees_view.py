"""The Employees view at 100,000 people (offscreen Qt): what a person waits for after each action.

Run alone with ``python -m tests.benchmarks.bench_employees_view [N]``. The
vault holds N employees imported from an HRDataset-shaped export
(``bench_import.write_hr_csv``), fast key derivation.

- Click to first paint: from the moment the section is built (what clicking
  Employees does) until the table has painted its first screen of rows. Past
  ``FIRST_PAGE`` people that screen is the first people read, shown while
  everyone else is read; the next row is the click to everyone in the table.
  Reference: ``Records(vault).employees.list()`` alone, the least any screen
  could do before painting everyone.
- Search: from the text changing, through the typing delay
  (``SEARCH_DELAY_MS``), to the filtered rows painted. Filter: from picking a
  department to its rows painted. Sort: what a header click does (the sort
  indicator, one sort; ``sortByColumn`` would sort twice) to the sorted rows
  painted. These are timed once the view has prepared every column in the
  background (``EmployeesView.warmed``, its own row: how long after everyone
  is in); the "first click" row is a header click made the moment everyone is
  in, racing that preparation, on a column nothing has sorted by yet.
- Periodic garbage collection: the app runs the collector itself every 5 s
  (young generations) and fully every 10 minutes (``ui.app.GcTicker``); the
  row is the longest pause of a young and a full collection with everyone
  loaded, against the same full collection with the loaded records not frozen
  (``settle_after_load`` undone), as it was.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.common import Timing, compare, measure, print_table, row  # noqa: E402

EMPLOYEES = 100_000


def _build(path: Path, employees: int) -> None:
    from hrdesk.importing import import_file
    from hrdesk.vault import KdfParams, Vault
    from tests.benchmarks.bench_import import write_hr_csv

    source = path.with_suffix(".csv")
    write_hr_csv(source, employees)
    vault, _ = Vault.create(path, org_name="Bench", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    import_file(vault, source)
    vault.close(backup=False)
    source.unlink()


def _wait(app, done) -> None:  # type: ignore[no-untyped-def]
    while not done():
        app.processEvents()
        time.sleep(0.001)


def _open(context, app) -> tuple[float, float, float, float, object]:  # type: ignore[no-untyped-def]
    """Seconds from the click to the first screen painted and to everyone in the table; a header
    click made right then (by manager, descending); and how long after the view has prepared
    every column."""
    from PySide6.QtCore import Qt

    from hrdesk.ui.employees_model import MANAGER
    from hrdesk.ui.employees_view import EmployeesView

    start = time.perf_counter()
    view = EmployeesView(context)
    view.resize(1240, 780)
    view.show()
    _wait(app, lambda: view.loaded)
    view.table.viewport().grab()  # paint the first screen of rows
    first = time.perf_counter() - start
    _wait(app, lambda: view.complete)
    view.table.viewport().grab()
    everyone = time.perf_counter() - start
    clicked = time.perf_counter()
    view.table.horizontalHeader().setSortIndicator(MANAGER, Qt.SortOrder.DescendingOrder)
    view.table.viewport().grab()
    first_click = time.perf_counter() - clicked
    _wait(app, lambda: getattr(view, "warmed", True))
    return first, everyone, first_click, time.perf_counter() - start - everyone, view


def _gc_pauses(repeat: int) -> tuple[Timing, Timing]:
    """Longest of a young and a full collection as the app runs them, and the full one unfrozen."""
    from hrdesk.ui.app import GcTicker

    ticker = GcTicker(full_every=2)
    ticks = measure(lambda: (ticker.tick(), ticker.tick()), repeat)  # one young, one full
    gc.unfreeze()
    unfrozen = measure(lambda: gc.collect(2), repeat)
    gc.freeze()
    return ticks, unfrozen


def run(employees: int = EMPLOYEES, repeat: int = 3) -> list[dict]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from hrdesk.records import Records
    from hrdesk.session import Session
    from hrdesk.settings import Settings
    from hrdesk.ui import assets
    from hrdesk.ui.employees_model import NAME, PERFORMANCE
    from hrdesk.ui.employees_view import FIRST_PAGE, SEARCH_DELAY_MS
    from hrdesk.ui.sections import SectionContext, VaultEvents
    from hrdesk.ui.worker import TaskRunner
    from hrdesk.vault import Vault

    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(assets.stylesheet())
    gc.disable()  # as the app does (``collect_garbage_on_main_thread``)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.hrdesk"
        _build(path, employees)
        vault = Vault.open(path, "pw")
        runner = TaskRunner()
        try:
            context = SectionContext(session=Session(vault), settings=Settings(), runner=runner, events=VaultEvents(), host=None)  # type: ignore[arg-type]
            reference = measure(lambda: Records(vault).employees.list(), repeat)
            firsts, everyones, first_clicks, warms, view = [], [], [], [], None
            for _ in range(repeat):
                if view is not None:
                    view.clear()
                    view.deleteLater()
                    app.processEvents()
                    gc.unfreeze()
                    gc.collect()
                first, everyone, first_click, warm, view = _open(context, app)
                firsts.append(first)
                everyones.append(everyone)
                first_clicks.append(first_click)
                warms.append(warm)
            young_and_full, unfrozen = _gc_pauses(repeat)

            def typed(text: str) -> None:
                view.search.setText(text)
                while view._search_timer.isActive():  # the typing delay runs out, then the filter applies
                    app.processEvents()
                    time.sleep(0.001)
                app.processEvents()
                view.table.viewport().grab()

            search = measure(lambda: typed("an"), repeat * 2, setup=lambda: typed(""))
            department = view.department_filter.itemData(1)

            def pick(index: int) -> None:
                view.department_filter.setCurrentIndex(index)
                view.table.viewport().grab()

            filtered = measure(lambda: pick(1), repeat * 2, setup=lambda: (view.clear_filters(), pick(0)))
            view.clear_filters()
            header = view.table.horizontalHeader()

            def click(column: int, order: Qt.SortOrder) -> None:
                header.setSortIndicator(column, order)  # what a header click does: one sort
                view.table.viewport().grab()

            sort_name = measure(lambda: click(NAME, Qt.SortOrder.DescendingOrder), repeat * 2,
                                setup=lambda: click(NAME, Qt.SortOrder.AscendingOrder))
            sort_perf = measure(lambda: click(PERFORMANCE, Qt.SortOrder.AscendingOrder), repeat * 2,
                                setup=lambda: click(NAME, Qt.SortOrder.AscendingOrder))
            view.clear()
            view.deleteLater()
        finally:
            runner.wait_for_done()
            vault.close(backup=False)
            gc.enable()
    ref = f"employees.list() {reference.min * 1000:.0f} ms"
    n = f"{employees:,}"
    anchor = "employees.list() alone"
    return [
        compare(f"employees view: click to first paint, {n} (first {min(FIRST_PAGE, employees):,} rows)",
                Timing(tuple(firsts)), anchor, reference, "<= 1 s"),
        compare(f"employees view: click to everyone in the table, {n}", Timing(tuple(everyones)), anchor, reference,
                "info"),
        compare(f"employees view: periodic gc, young + full, {n} loaded (longest)", young_and_full,
                "full gc with the records unfrozen", unfrozen, "<= 0.05 s"),
        compare(f"employees view: preparing search and sorts, {n}, in the background after everyone is in",
                Timing(tuple(warms)), anchor, reference, "info"),
        row(f"employees view: first header click as everyone comes in (by manager), {n}", min(first_clicks), "s", ref,
            min(first_clicks) / reference.min, "<= 0.3 s", median=statistics.median(first_clicks)),
        row(f"employees view: search 'an' over {n}, typing delay included", search.min, "s", ref,
            search.min / reference.min, f"<= {SEARCH_DELAY_MS / 1000 + 0.1:.2f} s", median=search.median),
        row(f"employees view: department filter ({department}) over {n}", filtered.min, "s", ref,
            filtered.min / reference.min, "<= 0.1 s", median=filtered.median),
        row(f"employees view: header click, sort by name, {n}", sort_name.min, "s", ref, sort_name.min / reference.min,
            "<= 0.3 s", median=sort_name.median),
        row(f"employees view: header click, sort by performance, {n}", sort_perf.min, "s", ref,
            sort_perf.min / reference.min, "<= 0.3 s", median=sort_perf.median),
    ]


if __name__ == "__main__":
    print_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES))
