"""One registry of audit actions: every action hrdesk writes is in it, and staleness is read from it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hrdesk.fairness.runs import changes_since, run_and_save
from hrdesk.records import Records, tables
from hrdesk.records.consent import AI_PROCESSING
from hrdesk.records.employees import upsert_employees
from hrdesk.session import Kind, Session, actions

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"""\baudit\(\s*["']([a-z_]+\.[a-z_]+)["']""")  # vault.audit(...), or an audit callback
TEMPLATE = re.compile(r"""\baudit\(\s*f["']([^"']+)["']""")


def _written_actions() -> set[str]:
    """Every action name in an ``audit(...)`` call in hrdesk's source (templates expanded over their values)."""
    found: set[str] = set()
    for path in (ROOT / "hrdesk").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(LITERAL.findall(text))
        for template in TEMPLATE.findall(text):
            if template == "{self.table}.added" or template == "{self.table}.deleted":
                verb = template.rsplit(".", 1)[1]
                found |= {f"{t}.{verb}" for t in (tables.CYCLES, tables.RATINGS, tables.GOALS, tables.FEEDBACK, tables.CHECKINS)}
            elif template == "import.{plan.kind}":
                found |= {"import.employees", "import.reviews", "import.checkins"}
            else:
                raise AssertionError(f"an audit action built from '{template}' in {path.name}: register what it can produce")
    return found


def test_every_action_hrdesk_writes_is_registered_with_words() -> None:
    written = _written_actions()
    assert len(written) > 15, "the scan found too few audit calls to be looking in the right place"
    missing = sorted(name for name in written if not actions.is_registered(name))
    assert missing == [], f"audit actions without a registry entry: {missing}"
    for name in written:
        described = actions.describe(name)
        assert described and described[0].isupper() and "." not in described, name


def test_an_unknown_action_touches_only_the_audit_log() -> None:
    action = actions.action("letters.sent")
    assert action.kinds == {Kind.AUDIT_LOG} and not action.changes_audit_inputs
    assert "letters.sent" in actions.describe("letters.sent")


def test_audit_staleness_follows_the_registry_not_the_names(vault) -> None:
    records = Records(vault)
    people = [{"employee_id": str(i), "name": f"P, {i}", "performance_score": "High" if i % 2 else "Low", "sex": "FM"[i % 2]}
              for i in range(1, 13)]
    with vault.transaction():
        upsert_employees(vault, people, fields={"employee_id", "name", "performance_score", "sex"})
    records.ratings.declare_scale(["Low", "High"])
    run = run_and_save(vault, reference_date=dt.date(2024, 1, 1))
    session = Session(vault)
    person = records.employees.by_employee_id("3")
    session.record_consent(person.id, AI_PROCESSING, False, by="HR", note="asked")
    session.perform(lambda v: Records(v).checkins.add(person.id, dt.date(2024, 2, 1), mood=2, workload=4, stress=4))
    session.perform(lambda v: Records(v).goals.add(person.id, None, "Lead a project"))
    assert changes_since(vault, run) == [], "consent, check-ins and goals are not what an audit reads"
    session.update_employee(person.id, position="Ops lead")  # a department must be one the vault knows (none here)
    session.perform(lambda v: Records(v).ratings.add(person.id, None, "High"))
    assert [e.action for e in changes_since(vault, run)] == ["employee.updated", "ratings.added"]
