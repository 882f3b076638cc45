"""Reviews and check-in files, auto-mapped and linked to employees by employee id."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.importing import ImportValidationError, MappingError, import_file, prepare_import
from hrdesk.records import Records

EMPLOYEES = "Employee ID,Name,Manager\n1,\"Lee, Ann\",Bo Chan\n2,\"Chan, Bo\",Board\n"


@pytest.fixture
def with_people(vault, tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text(EMPLOYEES, encoding="utf-8")
    import_file(vault, path)
    return vault


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reviews_file_creates_cycles_ratings_feedback_goals(with_people, tmp_path: Path) -> None:
    reviews = write(
        tmp_path,
        "reviews.csv",
        "EmpID,Review Cycle,Review Date,Rating,Feedback,Goals\n"
        "1,2024 H1,06/30/2024,Exceeds,Great quarter.,Lead the migration\n"
        "2,2024 H1,06/30/2024,Fully Meets,,\n"
        "1,2024 H2,12/15/2024,Fully Meets,Steady.,\n",
    )
    plan = prepare_import(reviews, "reviews")
    assert plan.mapping.mapped() == {"employee_id": "EmpID", "cycle": "Review Cycle", "review_date": "Review Date", "rating": "Rating", "feedback": "Feedback", "goals": "Goals"}
    report = import_file(with_people, reviews, kind="reviews")
    assert report.added == 3
    records = Records(with_people)
    counts = records.counts()
    assert (counts.review_cycles, counts.ratings, counts.feedback, counts.goals) == (2, 3, 2, 1)
    ann = records.employees.by_employee_id("1")
    assert sorted(r.value for r in records.ratings.for_employee(ann.id)) == ["Exceeds", "Fully Meets"]
    h1 = records.cycles.by_name("2024 h1")
    assert str(h1.start) == "2024-06-30"

    again = import_file(with_people, reviews, kind="reviews")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert records.counts().ratings == 3


def test_reviews_naming_unknown_employees_import_nothing(with_people, tmp_path: Path) -> None:
    reviews = write(tmp_path, "r.csv", "Employee ID,Cycle,Date,Rating\n1,Y1,2024-01-01,Exceeds\n99,Y1,2024-01-01,PIP\n")
    with pytest.raises(ImportValidationError) as caught:
        import_file(with_people, reviews, kind="reviews")
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "Employee ID")]
    assert "import the employee file first" in caught.value.errors[0].reason
    assert Records(with_people).counts().ratings == 0
    report = import_file(with_people, reviews, kind="reviews", skip_invalid=True)
    assert report.added == 1 and [e.row for e in report.skipped] == [3]


def test_unknown_rating_and_undeclared_scale(with_people, tmp_path: Path) -> None:
    bad = write(tmp_path, "r.csv", "Employee ID,Cycle,Date,Rating\n1,Y1,2024-01-01,Exceeds\n2,Y1,2024-01-01,Superb\n")
    plan = prepare_import(bad, "reviews", scales={"performance": ["PIP", "Needs Improvement", "Fully Meets", "Exceeds"]})
    assert not plan.problems  # the vault's scale is used
    assert [(e.row, e.column, e.value) for e in plan.errors] == [(3, "Rating", "Superb")]
    assert "not on the performance scale (PIP < Needs Improvement < Fully Meets < Exceeds)" in plan.errors[0].reason
    odd = write(tmp_path, "o.csv", "Employee ID,Cycle,Date,Rating\n1,Y1,2024-01-01,Gold\n")
    plan = prepare_import(odd, "reviews")
    assert plan.problems and "not declared" in plan.problems[0]
    with pytest.raises(ImportValidationError):
        import_file(with_people, odd, kind="reviews", skip_invalid=True)


def test_a_different_scale_from_the_vaults_is_refused(vault, tmp_path: Path) -> None:
    import_file(vault, write(tmp_path, "e.csv", "Employee ID,Name,Performance Score\n1,A,Exceeds\n"))
    reviews = write(tmp_path, "r.csv", "Employee ID,Cycle,Date,Rating\n1,Y1,2024-01-01,4\n")
    with pytest.raises(ImportValidationError) as caught:  # auto: the vault's scale, so '4' is off it
        import_file(vault, reviews, kind="reviews")
    assert "not on the performance scale" in caught.value.errors[0].reason
    mapping = prepare_import(reviews, "reviews").mapping
    assert mapping.scales == {"performance": ["1", "2", "3", "4"]}  # the highest code present, said so
    assert "the highest is 4" in mapping.scale_evidence["performance"]
    with pytest.raises(MappingError, match="vault's performance scale"):
        import_file(vault, reviews, kind="reviews", mapping=mapping)
    assert Records(vault).counts().ratings == 0


def test_checkins_file(with_people, tmp_path: Path) -> None:
    checkins = write(
        tmp_path,
        "c.csv",
        "employee_id;date;mood;workload;stress;comment\n1;2024-05-01;4;3;2;fine\n2;2024-05-01;2;5;5;\n1;2024-05-08;6;3;2;\n",
    )
    plan = prepare_import(checkins, "checkins")
    assert plan.source.delimiter == ";"
    assert [(e.row, e.column, e.reason) for e in plan.errors] == [(4, "mood", "outside the range 1 to 5")]
    report = import_file(with_people, checkins, kind="checkins", skip_invalid=True)
    assert report.added == 2
    ann = Records(with_people).employees.by_employee_id("1")
    [checkin] = Records(with_people).checkins.for_employee(ann.id)
    assert (checkin.mood, checkin.workload, checkin.stress, checkin.comment) == (4, 3, 2, "fine")
