"""End to end on a live demo vault: reviews recorded through review sessions plant an override breach; monitoring
raises it to the escalation contact, once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from hrdesk.demo.build import build_demo_vault
from hrdesk.governance.register import load_register, save_register
from hrdesk.monitoring import query
from hrdesk.reviews import service as reviews
from hrdesk.reviews.draft import DecisionDraft, ReviewDraft
from hrdesk.reviews.model import Verdict
from hrdesk.session import Session
from hrdesk.suggest.service import current_suggestions, train
from hrdesk.vault import KdfParams
from tests.monitoring.helpers import CONTACT, sign_step6, step6_answers

PASSPHRASE = "monitoring end to end pass"


def test_a_manager_disagreeing_with_everything_in_review_sessions_raises_one_alert(tmp_path: Path) -> None:
    path = tmp_path / "demo.hrdesk"
    build_demo_vault(path, passphrase=PASSPHRASE, n_employees=240, seed=11, kdf=KdfParams.fast_for_tests())
    today = dt.date.today()
    with Session.open(path, PASSPHRASE) as hr:
        train(hr)

        def live(vault) -> None:  # type: ignore[no-untyped-def]
            register = load_register(vault)
            for key in ("retention_risk_conversation", "development_recommendation", "wellbeing_checkin_prompt"):
                register = register.with_decision(key, ai_may_inform=True, accountable="HR lead")
            save_register(vault, register)
            sign_step6(vault, today - dt.timedelta(days=30), step6_answers(min_group=5))

        hr.perform(live)
        reviews.open_cycle(hr, "2026 annual")
        listed = hr.read(current_suggestions).items
        team = Counter(s.team for s in listed).most_common(1)[0][0]
        people = sorted({s.employee_id for s in listed if s.team == team})
        recorded = 0
        for person in people:  # HR types in the reviews the manager held: every suggestion disagreed with
            shown = reviews.suggestions_for(hr, person)
            decisions = {item.key: DecisionDraft(Verdict.DISAGREE, "Does not match what I see in the team.", "")
                         for item in shown.items}
            hr.record_review(ReviewDraft(person, rating="Fully Meets", decisions=decisions), shown=shown)
            recorded += len(decisions)
        assert recorded >= 5
        report = hr.run_monitoring().result
        again = hr.run_monitoring().result
        found = query.alerts(hr.vault)
    row = next(m for m in report.managers if m.manager == team)
    assert (row.decisions, row.disagreed, row.override_rate, row.judgement) == (recorded, recorded, 1.0, "breach")
    assert [b.key for b in report.breaches if b.key.startswith("override/")] == [f"override/above/{team}"]
    [alert] = [a for a in found if a.key == f"override/above/{team}"]
    assert alert.contact == CONTACT and alert.is_open and report.alerts_raised and again.alerts_raised == ()
