"""The demo tables as CSV text and files, exactly as an HRIS export would be.

``build_demo_vault`` feeds this same text to the importer in memory, so the
files written here for benchmarks and documentation are byte for byte what
the demo vault was built from.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hrdesk.demo.generate import DemoData

FILE_NAMES: dict[str, str] = {
    "employees": "demo_employees.csv",
    "reviews": "demo_reviews.csv",
    "checkins": "demo_checkins.csv",
}


def csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def frames(data: DemoData) -> dict[str, pd.DataFrame]:
    """The three tables by import kind, in the order they must be imported."""
    return {"employees": data.employees, "reviews": data.reviews, "checkins": data.checkins}


def write_demo_csvs(data: DemoData, folder: Path | str) -> dict[str, Path]:
    """Write the three files (UTF-8 CSV) into ``folder``; returns their paths by kind.

    These are plaintext personal-looking data: never write them beside a vault.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind, frame in frames(data).items():
        path = folder / FILE_NAMES[kind]
        path.write_text(csv_text(frame), encoding="utf-8", newline="")
        written[kind] = path
    return written
