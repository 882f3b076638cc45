"""``hrdesk review``: cycles, the page as JSON, and a review recorded from an answers file that round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrdesk.cli import main
from hrdesk.reviews import query
from hrdesk.session import Session
from tests.reviews.helpers import CYCLE, HR_PW, TRAINED_PW, UNTRAINED_PW, Org


def _run(capsys, monkeypatch, passphrase: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("HRDESK_PASSPHRASE", passphrase)
    code = main(["review", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _as_manager(capsys, monkeypatch, org: Org, *argv: str) -> tuple[int, str, str]:
    return _run(capsys, monkeypatch, TRAINED_PW, str(org.path), *argv, "--user", org.trained)


def test_a_manager_records_from_an_answers_file_and_show_gives_it_back(org: Org, capsys, monkeypatch,
                                                                         tmp_path: Path) -> None:
    code, out, err = _as_manager(capsys, monkeypatch, org, "show", "--employee", org.person, "--json")
    assert code == 0, err
    page = json.loads(out)
    assert page["cycle"] == CYCLE and page["saved_review"] is None and page["suggestions"]["live"]
    keys = [s["key"] for s in page["suggestions"]["items"]]
    assert len(keys) >= 2
    answers = {
        "rating": page["rating_scale"][2], "feedback": "Ran the support rota well; handovers were clear.",
        "plan": [{"text": "Shadow the data team for a month", "source": "employee"},
                 {"text": page["suggestions"]["items"][0]["suggest"], "source": "suggestion"}],
        "decisions": {keys[0]: {"verdict": "accept", "reason": "Worth talking about", "context": ""},
                      **{k: {"verdict": "disagree", "reason": "Already done", "context": "Finished a course privately"}
                         for k in keys[1:]}},
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    code, out, err = _as_manager(capsys, monkeypatch, org, "record", "--employee", org.person, "--answers", str(path))
    assert code == 0, err
    assert f"accepted 1, set aside 0, disagreed {len(keys) - 1}" in out
    code, out, _ = _as_manager(capsys, monkeypatch, org, "show", "--employee", org.person, "--json")
    saved = json.loads(out)["saved_review"]
    assert {k: saved[k] for k in answers} == answers  # the answers format round-trips
    code, out, _ = _as_manager(capsys, monkeypatch, org, "show", "--employee", org.person)
    assert "for coaching only" in out and "Shadow the data team for a month (the employee's choice)" in out
    with Session.open(org.path, HR_PW) as hr:
        [review] = hr.read(query.reviews)
        assert review.manager == org.trained and review.recorded_by == ""
    monkeypatch.setenv("HRDESK_PASSPHRASE", HR_PW)
    assert main(["verify", str(org.path)]) == 0, capsys.readouterr()  # the new tables are the vault's own, intact


@pytest.mark.parametrize("content, words", [
    ("{not json", "not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
    ('["a list"]', "must hold one JSON object"),
    ('{"ratng": 3}', "ratng: is not a field of a review; did you mean 'rating'?"),
    ('{"plan": [{"text": "x", "source": "boss"}]}', "plan[1].source: 'boss' is not one of"),
    ('{"decisions": {"retention": {"verdict": "maybe", "reason": "x"}}}', "'maybe' is not accept, set-aside"),
    ('{"decisions": {"retention": {"verdict": "accept"}}}', "decisions.retention.reason: must not be empty"),
    ('{"next_checkin": "next week"}', "next_checkin: 'next week' is not a date"),
    ('{"rating": "Superb"}', "is not on the rating scale"),
    ('{"decisions": {}}', "decide on every suggestion shown"),
])
def test_bad_answers_are_refused_with_the_field_named_and_nothing_saved(org: Org, capsys, monkeypatch, tmp_path,
                                                                        content: str, words: str) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = _as_manager(capsys, monkeypatch, org, "record", "--employee", org.person, "--answers", str(path))
    assert code == 2 and out == "" and words in err and "Traceback" not in err
    with Session.open(org.path, HR_PW) as hr:
        assert hr.read(query.reviews) == []


def test_cycles_from_the_command_line_and_a_closed_cycle_refuses(org: Org, capsys, monkeypatch, tmp_path) -> None:
    vault = str(org.path)
    code, out, _ = _run(capsys, monkeypatch, HR_PW, vault, "cycle", "list", "--json")
    cycles = json.loads(out)
    assert [c["name"] for c in cycles if c["open"]] == [CYCLE] and sum(c["imported"] for c in cycles) == 3
    code, out, err = _as_manager(capsys, monkeypatch, org, "cycle", "open", "2027 annual")
    assert code == 2 and "Only HR can open a review cycle" in err
    code, out, _ = _run(capsys, monkeypatch, HR_PW, vault, "cycle", "close", CYCLE)
    assert code == 0 and "read-only" in out
    path = tmp_path / "a.json"
    path.write_text('{"rating": 3}', encoding="utf-8")
    code, out, err = _as_manager(capsys, monkeypatch, org, "record", "--employee", org.trained_team_person,
                                 "--answers", str(path))
    assert code == 2 and "No review cycle is open" in err
    code, out, err = _run(capsys, monkeypatch, HR_PW, vault, "cycle", "open", "2027 annual")
    assert code == 0 and "Opened the review cycle '2027 annual'" in out
    code, out, err = _run(capsys, monkeypatch, HR_PW, vault, "cycle", "frobnicate")
    assert code == 2 and "cycle list, cycle open NAME or cycle close NAME" in err


def test_a_manager_cannot_show_or_record_someone_of_another_team(org: Org, capsys, monkeypatch, tmp_path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"rating": 3}', encoding="utf-8")
    for argv in (("show", "--employee", org.other_team_person),
                 ("record", "--employee", org.other_team_person, "--answers", str(path))):
        code, out, err = _as_manager(capsys, monkeypatch, org, *argv)
        assert code == 2 and "not in your team" in err


def test_the_review_summary_letter_from_the_command_line(org: Org, capsys, monkeypatch, tmp_path) -> None:
    from pypdf import PdfReader

    path = tmp_path / "a.json"
    path.write_text(json.dumps({"rating": 3, "plan": [{"text": "Present at the team day", "source": "employee"}]}),
                    encoding="utf-8")
    assert _run(capsys, monkeypatch, UNTRAINED_PW, str(org.path), "record", "--employee", org.other_team_person,
                "--answers", str(path), "--user", org.untrained)[0] == 0  # untrained: no suggestions to decide on
    monkeypatch.setenv("HRDESK_PASSPHRASE", HR_PW)
    (tmp_path / "out").mkdir()
    (tmp_path / "none").mkdir()
    assert main(["letters", str(org.path), "review-summary", "--employee", org.other_team_person,
                 "--out", str(tmp_path / "out")]) == 0
    [pdf] = (tmp_path / "out").glob("*.pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Present at the team day (your own choice)" in text
    capsys.readouterr()
    assert main(["letters", str(org.path), "review-summary", "--employee", org.person, "--out",
                 str(tmp_path / "none")]) == 2
    assert "No saved review" in capsys.readouterr().err and not list((tmp_path / "none").iterdir())
