"""Reading files as the importer does (content sniffing, encoding scoring, streamed workbooks, limits) vs pandas.

Run alone with ``python -m tests.benchmarks.bench_reading``. Each row does the
same work side by side: hrdesk's ``read_table`` against the least anyone
could do to get the same cells as text, ``pandas.read_csv`` told the encoding
(hrdesk has to find it) and ``pandas.read_excel`` of the whole sheet. The
files are HRDataset-shaped exports generated here (``bench_import``), the
CSV with Cyrillic names in Windows-1251.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from tests.benchmarks.bench_import import write_hr_csv
from tests.benchmarks.common import best_of, print_table, row

CSV_ROWS = 10_000
XLSX_ROWS = 2_000
NAMES = ("Иван Петров", "Мария Смирнова", "Ольга Кузнецова", "Олександр Шевченко")


def _cyrillic_copy(source: Path, target: Path) -> None:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for i, record in enumerate(rows[1:]):
        record[0] = NAMES[i % len(NAMES)]
    with target.open("w", encoding="cp1251", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _xlsx_copy(source: Path, target: Path, rows: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Staff")
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for n, record in enumerate(csv.reader(handle)):
            if n > rows:
                break
            sheet.append(record)
    book.save(target)


def run(repeat: int = 3) -> list[dict]:
    import pandas as pd

    from hrdesk.importing.readers import read_table

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "hr.csv"
        write_hr_csv(source, CSV_ROWS)
        cyrillic = work / "hr-cp1251.csv"
        _cyrillic_copy(source, cyrillic)
        workbook = work / "hr.xlsx"
        _xlsx_copy(source, workbook, XLSX_ROWS)
        assert read_table(cyrillic).encoding == "cp1251"
        csv_hr = best_of(lambda: read_table(cyrillic), repeat)
        csv_ref = best_of(lambda: pd.read_csv(cyrillic, dtype=str, keep_default_na=False, encoding="cp1251"), repeat)
        xlsx_hr = best_of(lambda: read_table(workbook), repeat)
        xlsx_ref = best_of(lambda: pd.read_excel(workbook, sheet_name=0, header=None, dtype=object), repeat)
    return [
        row(f"read: {CSV_ROWS:,}-row cp1251 CSV, encoding found by scoring", csv_hr, "s",
            f"read_csv told cp1251 {csv_ref:.3f} s", csv_hr / csv_ref, "<= 3x"),
        row(f"read: {XLSX_ROWS:,}-row .xlsx, streamed with limits", xlsx_hr, "s",
            f"read_excel {xlsx_ref:.3f} s", xlsx_hr / xlsx_ref, "<= 1.5x"),
    ]


if __name__ == "__main__":
    print_table(run())
