"""End to end on a live demo vault: reviews recorded through review sessions plant an override breach; monitoring
raises it to the escalation contact, once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from hrdesk.monitoring import query
from hrdesk.reviews import service as reviews
from hrdesk.reviews.draft import DecisionDraft, ReviewDraft
from hrdesk.reviews.model import Verdict
from hrdesk.session import Session
from hrdesk.suggest.service import current_suggestions
from tests.monitoring.helpers import CONTACT, DEMO_PASSPHRASE, live_demo, sign_step6, step6_answers


def test_a_manager_disagreeing_with_everything_in_review_sessions_raises_one_alert(tmp_path: Path,
                                                                                  tmp_path_factory) -> None:
    today = dt.date.today()
    with Session.open(live_demo(tmp_path_factory, tmp_path / "demo.hrdesk"), DEMO_PASSPHRASE) as hr:
        hr.perform(lambda vault: sign_step6(vault, today - dt.timedelta(days=30), step6_answers(min_group=5)))
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
