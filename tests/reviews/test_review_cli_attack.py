"""``hrdesk review record`` given hostile answers: a clear message and exit 2, never "hrdesk hit a bug"."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.cli import main
from hrdesk.reviews import query
from hrdesk.session import Session
from tests.reviews.helpers import HR_PW, TRAINED_PW, Org


def record_answers(org: Org, capsys, monkeypatch, tmp_path: Path, text: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """``hrdesk review VAULT record`` with these answers, as the trained manager: its exit code and stderr."""
    path = tmp_path / "answers.json"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("HRDESK_PASSPHRASE", TRAINED_PW)
    code = main(["review", str(org.path), "record", "--employee", org.person, "--answers", str(path),
                 "--user", org.trained])
    return code, capsys.readouterr().err


def assert_nothing_saved(org: Org) -> None:
    with Session.open(org.path, HR_PW) as hr:
        assert hr.read(query.reviews) == []


@pytest.mark.parametrize("rating", ["NaN", "Infinity", "-Infinity", "1e999", '"nan"', '"inf"'])
def test_a_rating_that_is_not_a_finite_number_is_refused_plainly(org: Org, capsys, monkeypatch, tmp_path: Path,
                                                                 rating: str) -> None:
    code, err = record_answers(org, capsys, monkeypatch, tmp_path, '{"rating": %s}' % rating)
    assert code == 2, err
    assert "hit a bug" not in err and "rating:" in err and "rating scale" in err
    assert_nothing_saved(org)


@pytest.mark.parametrize("nesting", ["[" * 100_000, '{"a": ' * 100_000])
def test_an_absurdly_nested_answers_file_is_refused_plainly(org: Org, capsys, monkeypatch, tmp_path: Path,
                                                            nesting: str) -> None:
    code, err = record_answers(org, capsys, monkeypatch, tmp_path, nesting)
    assert code == 2, err
    assert "hit a bug" not in err and "nested" in err and "answers.json" in err


def test_a_plan_of_a_hundred_thousand_items_is_refused_and_nothing_saved(org: Org, capsys, monkeypatch,
                                                                         tmp_path: Path) -> None:
    items = ", ".join(['{"text": "a", "source": "employee"}'] * 100_000)
    code, err = record_answers(org, capsys, monkeypatch, tmp_path, '{"plan": [%s]}' % items)
    assert code == 2, err
    assert "plan:" in err and "items" in err and "hit a bug" not in err
    assert_nothing_saved(org)


@pytest.mark.parametrize("written", ["20261201", '"20261201"', '"2026-W49-1"'])
def test_a_check_in_date_not_written_yyyy_mm_dd_is_refused(org: Org, capsys, monkeypatch, tmp_path: Path,
                                                           written: str) -> None:
    code, err = record_answers(org, capsys, monkeypatch, tmp_path, '{"next_checkin": %s}' % written)
    assert code == 2, err
    assert "next_checkin" in err and "YYYY-MM-DD" in err and "hit a bug" not in err
    assert_nothing_saved(org)
