"""Benchmark of the Employees view on 10,000 employees (offscreen Qt).

Run alone with ``python -m tests.benchmarks.bench_employees_view``; the
benchmark runner imports ``run()``, which returns rows of
{"name", "value", "unit", "reference", "ratio", "target"}.

"Open to first paint" is everything a person waits for after clicking
Employees: the view is built, the worker reads every employee, team and
opt-out through the records layer (decrypting each), the model is filled,
the filters are built, and the table paints its first screen. The reference
is ``Records(vault).employees.list()`` alone, the least any screen could do.
Search, filter and sort are then timed on the loaded 10,000 rows as a
person waits for them: the search from the text changing through the typing
delay (``SEARCH_DELAY_MS``) to the filtered rows painted; a sort as a header
click does it (the header's sort indicator, one sort; ``sortByColumn`` would
sort twice) to the sorted rows painted.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.common import best_of, print_table, row  # noqa: E402

EMPLOYEES = 10_000


def _open_and_paint(context, app) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    from hrdesk.ui.employees_view import EmployeesView

    start = time.perf_counter()
    view = EmployeesView(context)
    view.resize(1240, 780)
    view.show()
    while not view.loaded:
        app.processEvents()
        time.sleep(0.001)
    view.table.viewport().grab()  # paint the first screen of rows
    return time.perf_counter() - start, view


def run(employees: int = EMPLOYEES, repeat: int = 3) -> list[dict]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from hrdesk.demo.build import build_demo_vault
    from hrdesk.records import Records
    from hrdesk.session import Session
    from hrdesk.settings import Settings
    from hrdesk.ui import assets
    from hrdesk.ui.employees_model import NAME, PERFORMANCE, load_people
    from hrdesk.ui.employees_view import SEARCH_DELAY_MS
    from hrdesk.ui.sections import SectionContext, VaultEvents
    from hrdesk.ui.worker import TaskRunner
    from hrdesk.vault import KdfParams, Vault

    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(assets.stylesheet())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.hrdesk"
        build_demo_vault(path, passphrase="pw", n_employees=employees, seed=5, kdf=KdfParams.fast_for_tests())
        vault = Vault.open(path, "pw")
        runner = TaskRunner()
        try:
            context = SectionContext(session=Session(vault), settings=Settings(), runner=runner, events=VaultEvents(), host=None)  # type: ignore[arg-type]
            reference = best_of(lambda: Records(vault).employees.list(), repeat)
            load = best_of(lambda: load_people(vault), repeat)
            first_paint, view = float("inf"), None
            for _ in range(repeat):
                if view is not None:
                    view.deleteLater()
                seconds, view = _open_and_paint(context, app)
                first_paint = min(first_paint, seconds)
            def typed(text: str) -> None:
                view.search.setText(text)
                while view._search_timer.isActive():  # the typing delay runs out, then the filter applies
                    app.processEvents()
                    time.sleep(0.001)
                app.processEvents()
                view.table.viewport().grab()

            search = best_of(lambda: typed("an"), repeat, setup=lambda: typed(""))
            department = view.department_filter.itemData(1)
            filtered = best_of(lambda: view.department_filter.setCurrentIndex(1), repeat,
                               setup=lambda: (view.clear_filters(), view.department_filter.setCurrentIndex(0)))
            view.clear_filters()
            header = view.table.horizontalHeader()

            def click(column: int, order: Qt.SortOrder) -> None:
                header.setSortIndicator(column, order)  # what a header click does: one sort
                view.table.viewport().grab()

            sort_name = best_of(lambda: click(NAME, Qt.SortOrder.DescendingOrder), repeat,
                                setup=lambda: click(NAME, Qt.SortOrder.AscendingOrder))
            sort_perf = best_of(lambda: click(PERFORMANCE, Qt.SortOrder.AscendingOrder), repeat,
                                setup=lambda: click(NAME, Qt.SortOrder.AscendingOrder))
            view.clear()
            view.deleteLater()
        finally:
            runner.wait_for_done()
            vault.close(backup=False)
    ref = f"employees.list() {reference * 1000:.0f} ms"
    n = f"{employees:,}"
    return [
        row(f"employees view: open to first paint, {n} employees", first_paint, "s", ref, first_paint / reference, "<= 1 s"),
        row(f"employees view: load_people (records layer only), {n}", load, "s", ref, load / reference, "<= 1.5x"),
        row(f"employees view: search 'an' over {n}, typing delay included", search, "s", ref, search / reference,
            f"<= {SEARCH_DELAY_MS / 1000 + 0.1:.2f} s"),
        row(f"employees view: department filter ({department}) over {n}", filtered, "s", ref, filtered / reference, "<= 0.1 s"),
        row(f"employees view: sort by name, {n}", sort_name, "s", ref, sort_name / reference, "<= 0.3 s"),
        row(f"employees view: sort by performance (ordinal), {n}", sort_perf, "s", ref, sort_perf / reference, "<= 0.3 s"),
    ]


if __name__ == "__main__":
    print_table(run())
