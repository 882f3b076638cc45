"""A breach raises one alert naming the escalation contact; HR records how it was handled; nothing is duplicated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdesk.errors import InvalidInputError, PermissionDeniedError
from hrdesk.monitoring import query, service
from hrdesk.reviews.model import SuggestionDecision, Verdict
from hrdesk.vault import KdfParams
from hrdesk.session import Kind, Session
from tests.governance.conftest import small_dataset
from tests.letters.helpers import import_csv, new_session
from tests.monitoring.helpers import CONTACT, sign_step6, step6_answers

GO_LIVE = dt.date(2026, 6, 1)
TODAY = dt.date(2026, 11, 20)


def decided(manager: str, verdicts: list[Verdict]) -> list[SuggestionDecision]:
    return [SuggestionDecision(f"{manager}-{i}", f"r{i}", f"1000{i}", "2026 H2", manager, "retention",
                               "Have a retention conversation", v, "my reason", "", GO_LIVE + dt.timedelta(days=30))
            for i, v in enumerate(verdicts)]


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    s = new_session(tmp_path)
    import_csv(s, small_dataset(tmp_path))
    s.perform(lambda vault: sign_step6(vault, GO_LIVE, step6_answers()))
    yield s
    s.close(backup=False)


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[SuggestionDecision]:
    """The decisions review sessions recorded (here: planted, one manager disagreeing with almost everything)."""
    planted = (decided("Amy Dunn", [Verdict.DISAGREE] * 17 + [Verdict.ACCEPT] * 3)
               + decided("Webster Butler", [Verdict.ACCEPT] * 8 + [Verdict.SET_ASIDE] * 4))
    monkeypatch.setattr(service, "_decisions", lambda vault, since, until: list(planted))
    return planted


def test_a_planted_override_breach_raises_an_alert_naming_the_escalation_contact(session: Session, recorded) -> None:
    outcome = session.run_monitoring(today=TODAY)
    report = outcome.result
    assert outcome.changes.touches(Kind.MONITORING)
    amy = next(m for m in report.managers if m.manager == "Amy Dunn")
    assert amy.override_rate == pytest.approx(0.85) and amy.judgement == "breach"
    assert [b.key for b in report.breaches] == ["override/above/Amy Dunn"]
    [alert] = query.alerts(session.vault, open_only=True)
    assert alert.contact == CONTACT and alert.respond_by == TODAY + dt.timedelta(days=5)
    assert "Amy Dunn overrides 85% of suggestions" in alert.title and CONTACT in alert.sentence()
    assert report.alerts_raised == (alert.id,)
    entries = [e for e in session.vault.audit_entries() if e.action == "monitoring.alert_raised"]
    assert len(entries) == 1 and entries[0].target == alert.id and entries[0].details["contact"] == CONTACT
    # the kept report reads back as it was computed
    kept = query.latest_report(session.vault)
    assert kept == report and kept.thresholds.go_live == GO_LIVE


def test_running_again_does_not_duplicate_an_open_alert(session: Session, recorded) -> None:
    session.run_monitoring(today=TODAY)
    again = session.run_monitoring(today=TODAY + dt.timedelta(days=1)).result
    assert again.breaches and again.alerts_raised == ()
    assert len(query.alerts(session.vault)) == 1


def test_handling_is_recorded_audit_logged_and_only_new_numbers_raise_again(session: Session, recorded) -> None:
    session.run_monitoring(today=TODAY)
    [alert] = query.alerts(session.vault)
    with pytest.raises(InvalidInputError, match="Say how the alert was handled"):
        session.handle_monitoring_alert(alert.id, "ok")
    outcome = session.handle_monitoring_alert(alert.id, "Spoke with Amy; the flags missed a team move.",
                                              today=TODAY + dt.timedelta(days=2))
    handled = outcome.result
    assert (handled.status, handled.handled_by, handled.handled_on) == ("handled", "Dana HR", TODAY + dt.timedelta(days=2))
    assert outcome.changes.touches(Kind.MONITORING) and outcome.changes.ids(Kind.MONITORING) == {alert.id}
    assert [e.details["handled_by"] for e in session.vault.audit_entries() if e.action == "monitoring.alert_handled"] \
        == ["Dana HR"]
    with pytest.raises(InvalidInputError, match="already handled"):
        session.handle_monitoring_alert(alert.id, "Handled it a second time, by mistake.")
    # the same numbers again: not a new problem
    assert session.run_monitoring(today=TODAY + dt.timedelta(days=3)).result.alerts_raised == ()
    # one more disagreement: the breach's numbers changed, so it is raised again
    recorded.extend(decided("Amy Dunn", [Verdict.DISAGREE])[:1])
    assert len(session.run_monitoring(today=TODAY + dt.timedelta(days=4)).result.alerts_raised) == 1
    assert [a.status for a in query.alerts(session.vault)].count("open") == 1


def test_an_unknown_alert_id_is_refused_with_a_message(session: Session) -> None:
    with pytest.raises(InvalidInputError, match="no monitoring alert 'nope'"):
        session.handle_monitoring_alert("nope", "Something was done about it.")


def test_no_step_six_means_no_thresholds_and_no_alerts_said_in_words(tmp_path: Path, recorded) -> None:
    s = new_session(tmp_path)
    try:
        import_csv(s, small_dataset(tmp_path))
        report = s.run_monitoring(today=TODAY).result
        assert report.thresholds is None and report.headline().startswith("Monitoring has no thresholds yet")
        assert query.alerts(s.vault) == []
        assert all(m.judgement in ("not_judged", "too_few") for m in report.managers)
    finally:
        s.close(backup=False)


def test_only_hr_runs_monitoring_and_handles_alerts(session: Session, tmp_path: Path, recorded) -> None:
    from tests.letters.helpers import PASSPHRASE

    session.run_monitoring(today=TODAY)
    session.add_user("Avery Audit", "auditor", PASSPHRASE + " auditor", kdf=KdfParams.fast_for_tests())
    path = session.path
    session.close(backup=False)
    auditor = Session.open(path, PASSPHRASE + " auditor", user="Avery Audit")
    try:
        with pytest.raises(PermissionDeniedError):
            auditor.run_monitoring(today=TODAY)
        # ...but reads what HR's run kept, alerts included, without opening anyone's records
        assert auditor.read(query.latest_report).breaches[0].key == "override/above/Amy Dunn"
        assert len(auditor.read(query.alerts)) == 1
    finally:
        auditor.close(backup=False)


def test_flag_rates_on_a_live_demo_vault_come_from_the_suggestions_made_now(tmp_path: Path,
                                                                            tmp_path_factory) -> None:
    from hrdesk.suggest.service import current_suggestions
    from tests.monitoring.helpers import DEMO_PASSPHRASE, live_demo

    s = Session.open(live_demo(tmp_path_factory, tmp_path / "demo.hrdesk"), DEMO_PASSPHRASE)
    try:
        s.perform(lambda vault: sign_step6(vault, GO_LIVE, step6_answers(min_group=10)))
        before = sum(e.action == "protected_attributes.read" for e in s.vault.audit_entries())
        report = s.run_monitoring(today=TODAY).result
        flagged = {x.employee_id for x in current_suggestions(s.vault).items if x.kind == "retention"}
        assert sum(e.action == "protected_attributes.read" for e in s.vault.audit_entries()) == before + 1
    finally:
        s.close(backup=False)
    retention = [r for r in report.flag_rates if r.kind == "retention"]
    sex = [r for r in retention if r.attribute == "Sex" and r.engine_status != "unknown"]
    assert sex and sum(r.flagged for r in retention if r.attribute == "Sex") == len(flagged)
    assert all(r.judgement in ("within", "watch", "breach", "too_few", "not_judged") for r in report.flag_rates)
    assert all(r.judgement == "too_few" for r in report.flag_rates
               if r.n < 10 and r.engine_status != "unknown")                      # step 6's minimum group
    assert "comparisons corrected together" in report.flag_note


def test_contests_recorded_through_the_contests_cases_are_judged_against_the_promised_deadline(session: Session) -> None:
    from hrdesk.contests.cases import NewContest, Resolution
    from hrdesk.contests.model import Outcome, Subject

    people = [e for e in session.records().employees.list() if not e.is_leaver][:3]
    received = [TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=5)]
    cases = [session.add_contest(NewContest(p.employee_id, Subject.DATA, "my position", "It is out of date.", day,
                                            subject_ref="position", reviewer=session.actor.name), today=day).result
             for p, day in zip(people, received)]
    session.resolve_contest(cases[0].id, Resolution(Outcome.NOT_UPHELD, "The position is correct as recorded.",
                                                    received[0] + dt.timedelta(days=15)), today=TODAY)
    report = session.run_monitoring(today=TODAY).result
    c = report.contests
    assert (c.received, c.open, c.overdue, c.not_upheld, c.answered_late, c.promised_days) == (3, 2, 1, 1, 1, 10)
    assert c.longest_response_days == 15 and "against 10 days promised" in c.sentence
    keys = {a.key: a for a in query.alerts(session.vault)}
    assert {"contests/overdue", "contests/late"} <= set(keys) and keys["contests/overdue"].contact == CONTACT
