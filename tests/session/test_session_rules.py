"""Rules that live in the core: passphrase policy, check-in visibility, the strain hint, edit rules, privacy raises."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.records import CheckIn, Employee
from hrdesk.records.consent import WELLBEING_SHARING
from hrdesk.records.edit_rules import EditValues, check_edit
from hrdesk.records.wellbeing import checkins_visible, strained
from hrdesk.session.passphrase import estimate

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = ["a", "password123", "Summer2024!", "qwertyuiop", "demo-demo-demo", "correct horse battery staple",
              "lantern orbit maple fjord"]


@pytest.mark.parametrize("passphrase", CANDIDATES)
def test_cli_init_and_the_window_refuse_the_same_passphrases(passphrase: str, tmp_path: Path, monkeypatch, capsys,
                                                            qtbot) -> None:
    from hrdesk.ui.start_pages import CreatePage

    page = CreatePage()
    qtbot.addWidget(page)
    page.org.setText("Acme")
    page.admin.setText("Dana")
    page.location.setText(str(tmp_path / "window.hrdesk"))
    page.passphrase.setText(passphrase)
    page.repeat.setText(passphrase)
    window_refuses = "too weak" in page.problem()

    monkeypatch.setenv("HRDESK_PASSPHRASE", passphrase)
    target = tmp_path / "cli.hrdesk"
    code = cli.main(["init", str(target), "--name", "Acme", "--admin", "Dana"])
    cli_refuses = code == cli.EXIT_KNOWN_ERROR
    assert cli_refuses == window_refuses == (not estimate(passphrase).acceptable), passphrase
    if cli_refuses:
        assert not target.exists() and "Nothing was created" in capsys.readouterr().err
    else:
        assert target.exists()


def _checkin(day: int, workload: int, stress: int) -> CheckIn:
    return CheckIn(id=str(day), employee_id="e", date=dt.date(2025, 1, day), mood=3, workload=workload, stress=stress)


def test_strain_hint_needs_the_last_two_checkins_heavy() -> None:
    assert strained([_checkin(1, 2, 2), _checkin(2, 4, 4), _checkin(3, 5, 4)])
    assert not strained([_checkin(1, 5, 5), _checkin(2, 5, 5), _checkin(3, 3, 5)]), "the latest is not heavy"
    assert not strained([_checkin(1, 5, 5)]), "one check-in is not a pattern"


def test_a_manager_sees_checkins_only_with_the_employees_consent() -> None:
    assert checkins_visible("admin", {})
    assert not checkins_visible("manager", {})
    assert not checkins_visible("manager", {WELLBEING_SHARING: False})
    assert checkins_visible("manager", {WELLBEING_SHARING: True})


def test_edit_rules_need_a_leavers_date_and_a_date_after_hiring() -> None:
    ann = Employee(id="x", employee_id="1", name="Lee, Ann", department="IT", position="Dev", employment_status="Active",
                   hire_date=dt.date(2020, 5, 1))
    leaving = check_edit(ann, EditValues("IT", "Dev", "Voluntarily Terminated", ""))
    assert leaving.errors == {"termination_date": "A leaver needs a termination date (YYYY-MM-DD)."}
    early = check_edit(ann, EditValues("IT", "Dev", "Voluntarily Terminated", "2019-01-01"))
    assert "before the hire date" in early.errors["termination_date"]
    fine = check_edit(ann, EditValues(" Sales ", "Dev", "Voluntarily Terminated", "2024-03-31"))
    assert fine.ok and fine.changes == {"department": "Sales", "employment_status": "Voluntarily Terminated",
                                        "termination_date": dt.date(2024, 3, 31)}


PRIVACY_UNDER_O = """
import sys
from hrdesk.errors import PrivacyInvariantError
from hrdesk.records import employees, features

assert sys.flags.optimize == 1, "not running under -O"
raised = []
# A field table that (wrongly) lists a protected attribute as an employee field must be caught...
employees.EMPLOYEE_FIELDS = (*employees.EMPLOYEE_FIELDS, "sex")
try:
    employees.employee_payload({"employee_id": "1", "name": "A", "sex": "F"})
except PrivacyInvariantError:
    raised.append("payload")
# ...and so must one that makes a protected attribute a model feature.
features.PROTECTED_FIELDS = features.PROTECTED_FIELDS | {"department"}
try:
    features.check_no_protected_features()
except PrivacyInvariantError:
    raised.append("features")
print(" ".join(raised))
"""


def test_privacy_checks_still_raise_under_python_dash_O() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-O", "-c", PRIVACY_UNDER_O], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["payload", "features"]
