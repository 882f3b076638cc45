"""'Does it help?': the pilot comparison recovers a planted effect on a generated vault, and says when data is short."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hrdesk.demo import build
from hrdesk.demo.generate import generate_demo
from hrdesk.monitoring.pilot import month_index
from hrdesk.session import Session
from hrdesk.vault import KdfParams
from tests.governance.conftest import small_dataset
from tests.letters.helpers import import_csv, new_session
from tests.monitoring.helpers import sign_step6, step6_answers

PASSPHRASE = "monitoring pilot passphrase"
TODAY = dt.date.today()


def months_back(n: int) -> dt.date:
    m = month_index(TODAY) - n
    return dt.date(m // 12, m % 12 + 1, 1)


def planted_vault(path: Path, monkeypatch: pytest.MonkeyPatch, go_live: dt.date) -> tuple[list[str], float]:
    """A generated organisation whose pilot teams' check-in mood rises after go-live; returns the pilot and the
    planted effect as it was realised (mood is capped at 5, so it is measured, not assumed)."""
    data = generate_demo(800, 7, as_of=TODAY)
    managers = sorted(data.employees["ManagerName"].dropna().unique())
    pilot = managers[::4]
    team = dict(zip(data.employees["EmpID"], data.employees["ManagerName"]))
    checkins = data.checkins.copy()
    month = pd.to_datetime(checkins["Date"]).dt.year * 12 + pd.to_datetime(checkins["Date"]).dt.month - 1
    treated = (checkins["EmpID"].map(team).isin(pilot) & (month > month_index(go_live))
               & (month < month_index(TODAY))).to_numpy()
    rng = np.random.default_rng(3)
    lift = treated & (rng.random(len(checkins)) < 0.6)
    new = np.minimum(checkins["Mood"].to_numpy() + lift, 5)
    realised = float((new - checkins["Mood"].to_numpy())[treated].mean())
    checkins["Mood"] = new
    planted = type(data)(data.employees, data.reviews, checkins, data.cycles, data.planted, data.seed, data.as_of)
    monkeypatch.setattr(build, "generate_demo", lambda *_a, **_k: planted)
    build.build_demo_vault(path, passphrase=PASSPHRASE, n_employees=800, seed=7, kdf=KdfParams.fast_for_tests())
    return pilot, realised


def test_the_pilot_comparison_recovers_a_planted_effect_on_a_generated_vault(tmp_path: Path, monkeypatch) -> None:
    go_live = months_back(6)
    pilot, realised = planted_vault(tmp_path / "org.hrdesk", monkeypatch, go_live)
    session = Session.open(tmp_path / "org.hrdesk", PASSPHRASE)
    try:
        session.perform(lambda vault: sign_step6(vault, go_live, step6_answers(pilot)))
        comparison = session.run_monitoring(today=TODAY).result.pilot
    finally:
        session.close(backup=False)
    assert comparison.go_live == go_live and comparison.pilot_teams == tuple(pilot)
    mood = next(e for e in comparison.estimates if e.outcome == "mood")
    assert mood.pilot_teams == len(pilot) and mood.periods_after == 5
    assert mood.ci_low < realised < mood.ci_high and mood.ci_low > 0          # found, and covered
    assert abs(mood.effect - realised) < 0.15
    leaving = next(e for e in comparison.estimates if e.outcome == "voluntary_leaving")
    assert leaving.effect is not None and leaving.ci_low < 0 < leaving.ci_high   # nothing planted there
    # engagement and satisfaction: one survey round so far (hrdesk keeps only the latest scores), said plainly
    engagement = next(e for e in comparison.estimates if e.outcome == "engagement")
    assert not engagement.enough_data and "not enough data yet" in engagement.sentence


def test_a_small_vault_says_not_enough_data_with_the_months_it_would_take(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    try:
        import_csv(session, small_dataset(tmp_path, ("Amy Dunn", "Webster Butler", "Kissy Sullivan", "Brannon Miller")))
        session.perform(lambda vault: sign_step6(vault, months_back(1), step6_answers(["Amy Dunn", "Kissy Sullivan"])))
        comparison = session.run_monitoring(today=TODAY).result.pilot
    finally:
        session.close(backup=False)
    leaving = next(e for e in comparison.estimates if e.outcome == "voluntary_leaving")
    assert not leaving.enough_data and leaving.effect is None
    assert leaving.sentence.startswith("Voluntary leaving: not enough data yet: 0 months after go-live so far")
    assert "at least 3 more months" in leaving.sentence and leaving.more_months == 3
    mood = next(e for e in comparison.estimates if e.outcome == "mood")       # HRDataset has no check-ins
    assert "not enough data" in mood.sentence and mood.effect is None
    assert "not enough data yet for any measure" in comparison.sentence


def test_without_pilot_teams_there_is_no_comparison(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    try:
        import_csv(session, small_dataset(tmp_path))
        session.perform(lambda vault: sign_step6(vault, months_back(2), step6_answers()))
        assert session.run_monitoring(today=TODAY).result.pilot is None
    finally:
        session.close(backup=False)


def test_survey_rounds_are_kept_once_per_change_as_team_averages_only(tmp_path: Path) -> None:
    from hrdesk.monitoring import surveys
    from hrdesk.records import Records

    session = new_session(tmp_path)
    try:
        import_csv(session, small_dataset(tmp_path))
        vault = session.vault
        people = Records(vault).employees.list()
        day = dt.date(2026, 3, 2)
        assert session.perform(lambda v: surveys.keep_round(v, people, day)).result
        assert not session.perform(lambda v: surveys.keep_round(v, people, day + dt.timedelta(days=40))).result
        someone = next(p for p in people if not p.is_leaver and p.engagement is not None)
        session.update_employee(someone.id, engagement=1.0)
        changed = Records(vault).employees.list()
        assert session.perform(lambda v: surveys.keep_round(v, changed, day + dt.timedelta(days=60))).result
        kept = surveys.rounds(vault)
        assert [r["on"] for r in kept] == ["2026-03-02", "2026-05-01"]
        team = someone.manager_name
        current = [p for p in changed if p.manager_name == team and not p.is_leaver and p.engagement is not None]
        n, mean = kept[-1]["teams"]["engagement"][team]
        assert n == len(current) and mean == pytest.approx(sum(p.engagement for p in current) / n)
        assert set(kept[-1]) == {"on", "fingerprint", "teams"}               # no person's score is kept
        # a round is dated when the scores changed (the edit, today), not when monitoring ran (years later)
        assert surveys.scores_changed_on(vault, dt.date(2031, 1, 1)) == dt.date.today()
    finally:
        session.close(backup=False)


def test_the_go_live_date_is_when_today_s_pilot_scope_was_first_signed(tmp_path: Path) -> None:
    from hrdesk.monitoring.thresholds import read_thresholds

    session = new_session(tmp_path)
    try:
        import_csv(session, small_dataset(tmp_path, ("Amy Dunn", "Webster Butler", "Kissy Sullivan")))
        sign = lambda day, pilot: session.perform(lambda v: sign_step6(v, day, step6_answers(pilot)))  # noqa: E731
        sign(dt.date(2026, 3, 1), ["Amy Dunn"])
        sign(dt.date(2026, 5, 1), ["Amy Dunn"])                              # signed again unchanged: same pilot
        assert session.read(read_thresholds).go_live == dt.date(2026, 3, 1)
        sign(dt.date(2026, 7, 1), ["Amy Dunn", "Kissy Sullivan"])            # a new pilot starts here
        t = session.read(read_thresholds)
        assert t.go_live == dt.date(2026, 7, 1) and t.pilot_teams == ("Amy Dunn", "Kissy Sullivan")
        assert t.contest_response_days == 10 and t.escalation_days == 5
    finally:
        session.close(backup=False)
