"""Step 3, employee rights and privacy: the rights settings, retention, and a privacy risk assessment.

The rights (what employees see, how they correct it, the contest process, AI
opt-out or opt-in) are stored under ``governance.rights``; retention is the
same setting ``hrdesk purge`` reads (``records.retention``), so there is one
source of truth. Changing either reopens step 3 and every step after it.

Answers (``hrdesk/resources/governance/step-3.json``)::

    {"employee_access": {"what_they_see": "...", "how_to_correct": "..."},
     "contest": {"reviewer": "...", "response_days": 10},
     "ai_processing": {"default": "opt-out" | "opt-in", "justification": "..."},
     "retention_months": {"checkins": 12, "feedback": 36, "goals": 36, "ratings": 60, "leavers": 24},
     "privacy_assessment": {"data_minimisation": "...", "retention_limits": "...", "consent_architecture": "...",
                            "vendor_contracts": "...", "regulations": ["GDPR", ...],
                            "residual_risks": [{"risk": "...", "owner": "...", "mitigation": "..."}]}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdesk.errors import InvalidAnswersError
from hrdesk.governance import answers as a

if TYPE_CHECKING:
    from hrdesk.vault import Vault

RIGHTS_KEY = "governance.rights"
ACTION_RIGHTS = "governance.rights_changed"
#: who may never review a contest: the manager whose decision is contested
_DECIDING_MANAGER = {"manager", "the manager", "line manager", "the line manager", "deciding manager",
                     "the deciding manager", "the manager who decided", "direct manager", "their manager"}


@dataclass(frozen=True)
class Rights:
    what_they_see: str
    how_to_correct: str
    contest_reviewer: str
    contest_response_days: int
    ai_default: str  # "opt-out" (processing unless they opt out) | "opt-in"
    ai_justification: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def read_rights(raw: Mapping[str, Any]) -> Rights:
    access = a.sub(raw, "employee_access")
    contest = a.sub(raw, "contest")
    reviewer = a.text(contest, "reviewer", "contest")
    if reviewer.lower().strip(" .") in _DECIDING_MANAGER:
        raise InvalidAnswersError("contest.reviewer", f"'{reviewer}' would let the manager who decided review the contest",
                                  hint="Name someone independent of the decision, e.g. an HR business partner.")
    ai = a.sub(raw, "ai_processing")
    return Rights(
        what_they_see=a.text(access, "what_they_see", "employee_access", min_len=a.MIN_TEXT),
        how_to_correct=a.text(access, "how_to_correct", "employee_access", min_len=a.MIN_TEXT),
        contest_reviewer=reviewer,
        contest_response_days=a.integer(contest, "response_days", "contest", low=1, high=90, unit="days"),
        ai_default=a.choice(ai, "default", ("opt-out", "opt-in"), "ai_processing"),
        ai_justification=a.text(ai, "justification", "ai_processing", min_len=a.MIN_TEXT),
    )


def read_retention(raw: Mapping[str, Any]) -> dict[str, int]:
    from hrdesk.records.retention import DEFAULT_RETENTION_MONTHS

    given = a.sub(raw, "retention_months")
    unknown = sorted(set(given) - set(DEFAULT_RETENTION_MONTHS))
    if unknown:
        raise InvalidAnswersError(f"retention_months.{unknown[0]}", "is not a data category hrdesk keeps",
                                  hint="Categories: " + ", ".join(DEFAULT_RETENTION_MONTHS) + ".")
    return {k: a.integer(given, k, "retention_months", low=1, high=240, unit="months") for k in DEFAULT_RETENTION_MONTHS}


def read_assessment(raw: Mapping[str, Any]) -> dict[str, Any]:
    pa = a.sub(raw, "privacy_assessment")
    where = "privacy_assessment"
    out: dict[str, Any] = {k: a.text(pa, k, where, min_len=a.MIN_TEXT) for k in
                           ("data_minimisation", "retention_limits", "consent_architecture", "vendor_contracts")}
    regs = a.items(pa, "regulations", where, min_items=1)
    for i, reg in enumerate(regs):
        if not isinstance(reg, str) or not reg.strip():
            raise InvalidAnswersError(f"{where}.regulations[{i}]", "name the regulation (e.g. GDPR, CCPA)")
    out["regulations"] = [r.strip() for r in regs]
    risks = []
    for i, item in enumerate(a.items(pa, "residual_risks", where, min_items=1)):
        w = f"{where}.residual_risks[{i}]"
        item = a.obj(item, w)
        risks.append({"risk": a.text(item, "risk", w, min_len=a.MIN_TEXT), "owner": a.text(item, "owner", w),
                      "mitigation": str(item.get("mitigation", "")).strip()})
    out["residual_risks"] = risks
    return out


def stored_rights(vault: "Vault") -> Rights | None:
    raw = vault.meta_get(RIGHTS_KEY, None)
    return Rights(**raw) if raw else None


def save_rights(vault: "Vault", rights: Rights) -> bool:
    """Store the rights if they changed (one audit entry, a system change); returns whether they did."""
    if stored_rights(vault) == rights:
        return False
    with vault.transaction():
        vault.meta_set(RIGHTS_KEY, rights.to_dict())
        vault.audit(ACTION_RIGHTS, details={"contest_response_days": rights.contest_response_days,
                                            "ai_default": rights.ai_default})
    return True


def dropped_columns(vault: "Vault") -> list[str]:
    """Every column an import left out (data minimisation, listed from the audit log's import entries)."""
    from hrdesk.session.actions import action

    seen: dict[str, None] = {}
    for entry in vault.audit_entries():
        if action(entry.action).population:
            for name in entry.details.get("dropped_columns", []) or []:
                seen[str(name)] = None
    return list(seen)


def summary(rights: Rights, retention: Mapping[str, int], assessment: Mapping[str, Any], dropped: list[str],
            org: str) -> str:
    """The one-page summary shown at step 3 and kept with the sign-off for the packet."""
    lines = [f"Employee rights and privacy at {org}", "",
             "What employees can see: " + rights.what_they_see,
             "How they correct it: " + rights.how_to_correct,
             f"Contest: reviewed by {rights.contest_reviewer} (never the manager who decided), "
             f"answered within {rights.contest_response_days} days.",
             f"AI processing: {rights.ai_default}. Why: {rights.ai_justification}",
             "Retention: " + ", ".join(f"{k} {v} months" for k, v in retention.items()) + ".", "",
             "Privacy risk assessment",
             "Data minimisation: " + assessment["data_minimisation"],
             "Columns the import left out: " + (", ".join(dropped) if dropped else "none recorded") + ".",
             "Retention limits: " + assessment["retention_limits"],
             "Consent architecture: " + assessment["consent_architecture"],
             "Vendor contracts: " + assessment["vendor_contracts"],
             "Regulations in scope: " + ", ".join(assessment["regulations"]) + ".",
             "Residual risks:"]
    lines += [f"  - {r['risk']} (owner: {r['owner']}" + (f"; {r['mitigation']})" if r["mitigation"] else ")")
              for r in assessment["residual_risks"]]
    return "\n".join(lines)
