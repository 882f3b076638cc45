"""AI-use disclosures for every HRDataset employee: personal, complete, and about nobody else."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hrdesk.letters import LetterType
from hrdesk.session import Kind
from tests.letters.helpers import import_csv, new_session, pdf_text, write_people

REQUIRED = (
    "Which AI-assisted features are in use",
    "At present no AI tool informs any decision about you",
    "Which data about you is used",
    "No AI tool uses it",
    "never used by an AI tool or to make or inform any decision about you",
    "How suggestions influence decisions",
    "never a verdict",
    "What human review is involved",
    "reviewed by someone other than the manager who decided",
    "Your rights",
    "See your data", "Correct it", "Opt out", "Contest",
    "development path that no suggestion named",
    "How to raise a concern",
    "We answer within 10 days",
    "Promotion (always decided by people; this cannot be switched)",
    "Compensation (always decided by people",
    "Termination (always decided by people",
)


def test_every_hrdataset_employee_gets_a_complete_letter_about_them_alone(session, tmp_path: Path) -> None:
    records = session.records()
    people = records.employees.list()
    assert len(people) == 311
    managers = {t.id: t.manager_name for t in records.teams.list()}
    outcome = session.generate_letters(LetterType.DISCLOSURE, tmp_path / "out", employee_ids=[p.employee_id for p in people])
    assert outcome.changes.touches(Kind.LETTERS)
    assert len(outcome.result.files) == 311 and len({f.name for f in outcome.result.files}) == 311
    names = [" ".join(p.name.split()) for p in people]
    for person, path in zip(people, outcome.result.files):
        text = pdf_text(path)
        own = " ".join(person.name.split())
        assert own in text, path.name
        manager = person.manager_name or managers.get(person.team_id or "")
        assert manager and f"Your manager, {manager}, reads it" in text, (own, manager)
        for phrase in REQUIRED:
            assert phrase in text, (own, phrase)
        others = [n for n in names if n != own and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
        assert not others, (own, others)
        assert "{{" not in text and "{%" not in text


def test_accented_and_vietnamese_names_render_and_extract(tmp_path: Path) -> None:
    session = new_session(tmp_path, org="Zakład Ćwiczeń sp. z o.o.")
    names = [("1", "Ścibor, Łukasz", "Zoë Ångström"), ("2", "Ångström, Zoë", "Nguyễn Thị Minh"),
             ("3", "Nguyễn Thị Minh", "Zoë Ångström"), ("4", "Żółć, Gęślą Jaźń", "Zoë Ångström")]
    import_csv(session, write_people(tmp_path / "people.csv", names))
    out = session.generate_letters(LetterType.DISCLOSURE, tmp_path / "out", everyone=True).result
    texts = {path.name: pdf_text(path) for path in out.files}
    for _id, name, manager in names:
        match = [t for n, t in texts.items() if name in n]
        assert len(match) == 1, name
        assert name in match[0] and manager in match[0]
        assert "Zakład Ćwiczeń sp. z o.o." in match[0]
    assert "AI-use disclosure - Nguyễn Thị Minh (id 3).pdf" in texts
    session.close(backup=False)


def test_merged_pdf_holds_every_letter_each_on_its_own_pages(session, tmp_path: Path) -> None:
    from pypdf import PdfReader

    outcome = session.generate_letters(LetterType.DISCLOSURE, tmp_path / "m", team="Michael Albert", merged=True)
    (path,) = outcome.result.files
    reader = PdfReader(path)
    assert reader.metadata.title.startswith("How we use AI in performance management")
    assert reader.metadata.author == "Acme Ltd"
    assert str(reader.trailer["/Root"]["/Lang"]) == "en-GB"
    team = [e for e in session.records().employees.list() if e.manager_name == "Michael Albert" and not e.is_leaver]
    assert len(outcome.result.employees) == len(team) > 5
    starts = [i for i, page in enumerate(reader.pages) if "Dear " in (page.extract_text() or "")]
    assert len(starts) == len(team)  # every letter starts on a new page
    text = pdf_text(path)
    assert all(" ".join(e.name.split()) in text for e in team)


def test_own_data_report_is_readable_and_logged_as_a_data_access(session, tmp_path: Path) -> None:
    import datetime as dt

    records = session.records()
    wilson = records.employees.by_employee_id("10026")
    session.perform(lambda v: records.consents.record_change(wilson.id, "ai_processing", False, by="Dana HR", note="asked"))
    outcome = session.generate_letters(LetterType.OWN_DATA, tmp_path / "own", employee_ids=["10026"])
    text = pdf_text(outcome.result.files[0])
    assert "Adinolfi, Wilson K" in text and "Dear Wilson K Adinolfi," in text
    assert "Fully Meets" in text or "Exceeds" in text  # the performance score from the export
    assert "AI processing withdrawn" in text and dt.date.today().isoformat() in text
    assert "Characteristics kept for fairness monitoring only" in text and "Sex" in text
    assert "export.subject_access" in outcome.changes.actions


def test_a_rendered_page_looks_like_a_letter(session, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PySide6.QtGui import QImage

    path = session.generate_letters(LetterType.DISCLOSURE, tmp_path / "one", employee_ids=["10304"]).result.files[0]
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    assert image.width() > 300 and image.height() > 400
    dark = sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 200  # text on the page, not a blank sheet
