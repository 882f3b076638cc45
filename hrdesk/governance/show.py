"""What a step needs now, as plain data (``hrdesk governance VAULT show STEP [--json]`` and the wizard).

* step 1: the audit run to cite, whether data changed since, every finding that needs a response, with its id;
* step 2: the register as it stands and the claims nobody independent has validated;
* step 3: the rights and retention as they stand, and the columns imports left out;
* step 4: every manager in scope and their training state;
* step 5: who lacks a current AI-use disclosure marked delivered;
* step 6: the managers (pilot teams are named by manager) and the current plan, if signed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hrdesk.governance import signoffs
from hrdesk.governance.steps import step as find_step
from hrdesk.governance.wizard import overview

if TYPE_CHECKING:
    from hrdesk.vault import Vault


def show(vault: "Vault", step: int | str) -> dict[str, Any]:
    number = find_step(step).number
    view = overview(vault)[number - 1]
    last = signoffs.latest(vault, number)
    out: dict[str, Any] = {**view.to_dict(), "needs": view.step.needs}
    if last is not None:
        out["last_signoff"] = {"by": last.by, "at": last.time, "evidence": last.evidence,
                               "answers_hash": last.answers_hash, "answers_match": last.answers_match}
        if last.summary:
            out["summary"] = last.summary
    out["now"] = _now(vault, number)
    return out


def _now(vault: "Vault", number: int) -> dict[str, Any]:
    from hrdesk.records import Records

    if number == 1:
        from hrdesk.governance.step_audit import needs

        return needs(vault).to_dict()
    if number == 2:
        from hrdesk.governance.register import LOCKED_REASON, load_register, to_dict
        from hrdesk.governance.step_register import unvalidated_claims

        register = load_register(vault)
        return {"register": to_dict(register), "fingerprint": register.fingerprint(),
                "human_only_reason": LOCKED_REASON, "unvalidated_claims": unvalidated_claims(register)}
    if number == 3:
        from hrdesk.governance.step_rights import dropped_columns, stored_rights
        from hrdesk.records.retention import retention_months

        rights = stored_rights(vault)
        return {"rights": rights.to_dict() if rights else None, "retention_months": retention_months(vault),
                "dropped_columns": dropped_columns(vault)}
    from hrdesk.governance.training import managers_in_scope, quiz_settings, training_state

    managers = managers_in_scope(Records(vault))
    if number == 4:
        settings = quiz_settings(vault)
        return {"quiz": {"questions": settings.questions, "pass_mark": settings.pass_mark},
                "managers": [{"name": s.manager.name, "team_size": s.manager.team_size, "state": s.state,
                              "trained": s.trained} for s in training_state(vault, managers)]}
    if number == 5:
        from hrdesk.letters.log import disclosure_status

        records = Records(vault)
        summary = disclosure_status(vault, records.employees.list(), {t.id: t.manager_name for t in records.teams.list()})
        lacking = [p for p in summary.people if not p.current_and_delivered]
        return {"employees": len(summary.people), "ready": len(summary.people) - len(lacking),
                "lacking": [{"employee_id": p.hris_id, "name": p.name, "state": p.state.value,
                             "delivered": p.delivered, "reason": p.reason or ("" if p.delivered else "not marked delivered")}
                            for p in lacking]}
    return {"managers": [m.name for m in managers]}
