"""Step 1, audit the data: a saved run on the current data, and a response to every finding that needs one.

* a *flag* needs a written response: a mitigation, or a justification with
  its evidence;
* a *watch*, and any data-quality finding, needs an acknowledgement;
* notes of what could not be judged need nothing (they are in the packet).

Answers (``hrdesk/resources/governance/step-1.json``)::

    {"audit_run": "latest" | RUN_ID,
     "responses": {FINDING_ID: {"response": "mitigation" | "justification",
                                "text": "...", "evidence": "..."}          # flags
                   FINDING_ID: {"acknowledged": true, "note": "..."}}}    # watches, data quality
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdesk.errors import InvalidAnswersError, StepNotOpenError
from hrdesk.governance import answers as a

if TYPE_CHECKING:
    from hrdesk.fairness.result import Finding
    from hrdesk.fairness.runs import AuditRun
    from hrdesk.vault import AuditEntry, Vault

RESPONSE = "response"
ACKNOWLEDGE = "acknowledge"


@dataclass(frozen=True)
class FindingNeed:
    id: str
    severity: str
    kind: str
    title: str
    summary: str
    needs: str  # RESPONSE | ACKNOWLEDGE

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class AuditNeeds:
    run_id: str
    run_time: str
    snapshot: str
    changes_since: tuple[str, ...]  # the data changes after the run, in words
    findings: tuple[FindingNeed, ...]

    @property
    def current(self) -> bool:
        return bool(self.run_id) and not self.changes_since

    def to_dict(self) -> dict[str, Any]:
        return {"audit_run": self.run_id, "run_time": self.run_time, "snapshot": self.snapshot,
                "current": self.current, "changes_since": list(self.changes_since),
                "findings": [f.to_dict() for f in self.findings]}


def need_of(finding: "Finding") -> str | None:
    if finding.severity == "flag":
        return RESPONSE
    if finding.severity == "watch" or finding.kind == "data_quality":
        return ACKNOWLEDGE
    return None


def needs(vault: "Vault", run_id: str = "latest") -> AuditNeeds:
    """What step 1 needs now: the run to cite, whether data changed since, and the findings needing an answer."""
    from hrdesk.fairness.runs import changes_since, list_runs

    runs = list_runs(vault)
    if not runs:
        return AuditNeeds("", "", "", (), ())
    run = _pick(runs, run_id)
    later = changes_since(vault, run)
    findings = tuple(FindingNeed(f.id, f.severity, f.kind, f.title, f.summary or f.text, kind)
                     for f in run.result.findings if (kind := need_of(f)) is not None)
    return AuditNeeds(run.id, run.time, run.snapshot, tuple(_describe(e) for e in later), findings)


def answer_problem(need: FindingNeed, item: Any) -> InvalidAnswersError | None:
    """What is wrong with the answer given to one finding (``item``: its entry in ``responses``, None when
    there is none), or None when it answers the finding: the rule ``check`` signs by, also used by the
    window to show which findings still need an answer."""
    where = f"responses.{need.id}"
    if item is None:
        what = "a written response (mitigation or justification)" if need.needs == RESPONSE else "an acknowledgement"
        return InvalidAnswersError(where, f"this {need.severity} finding ('{need.title}') has no {what}",
                                   hint="Every flag needs a response, every watch and data-quality gap an acknowledgement.")
    try:
        entry = a.obj(item, where)
        if need.needs == RESPONSE:
            kind = a.choice(entry, "response", ("mitigation", "justification"), where)
            a.text(entry, "text", where, min_len=a.MIN_TEXT)
            if kind == "justification":
                a.text(entry, "evidence", where, min_len=a.MIN_TEXT,
                       hint="A justification cites its evidence (a job analysis, a validated test, a documented reason).")
        elif not a.flag(entry, "acknowledged", where, default=False):
            return InvalidAnswersError(f"{where}.acknowledged", "must be true to acknowledge the finding")
    except InvalidAnswersError as exc:
        return exc
    return None


def _pick(runs: list["AuditRun"], run_id: str) -> "AuditRun":
    if run_id in ("", "latest"):
        return runs[0]
    for run in runs:
        if run.id == run_id:
            return run
    raise InvalidAnswersError("audit_run", f"no saved audit run has the id '{run_id}'",
                              hint="Use \"latest\", or an id from 'hrdesk governance VAULT show 1'.")


def _describe(entry: "AuditEntry") -> str:
    from hrdesk.session.actions import describe

    return f"{describe(entry.action)} on {entry.time[:10]} by {entry.actor}"


def check(vault: "Vault", raw: Mapping[str, Any]) -> dict[str, Any]:
    """Validate step 1's answers against the run they cite; returns the evidence for the sign-off."""
    answers = a.obj(raw, "")
    run_id = answers.get("audit_run", "latest")
    if not isinstance(run_id, str):
        raise InvalidAnswersError("audit_run", "\"latest\" or a saved run's id is needed")
    found = needs(vault, run_id)
    if not found.run_id:
        raise StepNotOpenError("Step 1 needs a saved audit run, and there is none.",
                               hint="Run the audit first: 'hrdesk audit VAULT --save' or Audits → Run.")
    if found.changes_since:
        raise StepNotOpenError(
            f"The audit run {found.run_id} of {found.run_time[:10]} no longer describes the data: "
            f"{len(found.changes_since)} change(s) since, the first: {found.changes_since[0]}.",
            hint="Run the audit again and answer its findings; a run on old data cannot be signed.")
    responses = a.obj(answers.get("responses", {}), "responses")
    for need in found.findings:
        problem = answer_problem(need, responses.get(need.id))
        if problem is not None:
            raise problem
    known = {n.id for n in found.findings}
    unknown = sorted(set(responses) - known)
    if unknown:
        raise InvalidAnswersError(f"responses.{unknown[0]}", "no finding of this audit run needing a response has this id",
                                  hint="Build the responses from 'hrdesk governance VAULT show 1 --json'.")
    return {"audit_run": found.run_id, "snapshot": found.snapshot,
            "findings_answered": [n.id for n in found.findings],
            # responses kept from earlier runs for findings this run no longer raises (standard answers)
            "responses_not_needed": sorted(set(responses) - {n.id for n in found.findings})}
