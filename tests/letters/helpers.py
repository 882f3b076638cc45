"""Helpers for the letters tests: a session on a vault, small HRIS exports, and PDF text."""

from __future__ import annotations

import csv
from pathlib import Path

from hrdesk.importing import import_file
from hrdesk.session import Session
from hrdesk.vault import KdfParams

PASSPHRASE = "correct horse battery staple lantern"
DATA = Path(__file__).resolve().parent.parent / "data" / "HRDataset_v14.csv"


def pdf_text(path: Path | bytes) -> str:
    """All the text of a PDF, whitespace collapsed (a line break inside a name reads as a space)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def new_session(folder: Path, org: str = "Acme Ltd") -> Session:
    session, _ = Session.create(folder / "org.hrdesk", org_name=org, admin_name="Dana HR", passphrase=PASSPHRASE,
                                kdf=KdfParams.fast_for_tests())
    return session


def import_csv(session: Session, path: Path) -> None:
    session.perform(lambda vault: import_file(vault, path))


def write_people(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A small HRIS export: (employee id, name, manager)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["EmpID", "Employee_Name", "ManagerName", "EmploymentStatus", "Department", "DateofHire"])
        for emp_id, name, manager in rows:
            writer.writerow([emp_id, name, manager, "Active", "Production", "1/10/2015"])
    return path
