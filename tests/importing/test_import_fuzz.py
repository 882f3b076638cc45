"""Malformed files of every kind end in a clean HrdeskError and never in a partial write."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdesk.errors import HrdeskError
from hrdesk.importing import import_file

HR_HEADER = "Employee_Name,EmpID,Sex,DOB,DateofHire,ManagerName,PerformanceScore,EngagementSurvey,Absences".split(",")
REVIEW_HEADER = ["Employee ID", "Cycle", "Review Date", "Rating", "Feedback"]

cells = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
    st.sampled_from(["10026", "PIP", "Exceeds", "5/14/1987", "07/10/83", "31/31/2020", "", "5.00", "-1", "=1+1", "1e999", "nan"]),
    st.just("x" * 150_000),
)
headers = st.one_of(st.just(HR_HEADER), st.just(REVIEW_HEADER), st.lists(cells, max_size=6))
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "utf-32", "cp1251", "cp1250", "iso-8859-7", "shift_jis"])


@st.composite
def csv_bytes(draw) -> bytes:
    header = draw(headers)
    rows = draw(st.lists(st.lists(cells, max_size=len(header) + 2), max_size=8))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t", "|"]))).writerows([header, *rows])
    data = buffer.getvalue().encode(draw(encodings), errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # truncated mid-character or mid-row
    return data


files = st.one_of(csv_bytes(), st.binary(max_size=3000))


def snapshot(vault) -> tuple:
    tables = vault.tables()
    return tuple(sorted((t, vault.count(t)) for t in tables)), len(vault.audit_entries())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=files, kind=st.sampled_from(["employees", "reviews", "checkins"]), skip=st.booleans(), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_malformed_files_fail_cleanly_and_atomically(vault, content: bytes, kind: str, skip: bool, suffix: str) -> None:
    before = snapshot(vault)
    employees_before = vault.count("employees") if "employees" in vault.tables() else 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        try:
            report = import_file(vault, path, kind=kind, skip_invalid=skip)
        except HrdeskError:
            assert snapshot(vault) == before  # nothing at all was written
            return
    # the rare file that is valid: what was reported is what was written
    if kind == "employees":
        assert vault.count("employees") == employees_before + report.added
    assert len(vault.audit_entries()) > before[1]
