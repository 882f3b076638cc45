"""The values each letter's template is filled with, read from the vault once per batch.

``Population`` reads what every letter of a batch shares (settings, the
decision register, purposes, retention, consents, managers) in one pass;
``disclosure_values`` and ``own_data_values`` then personalise per employee,
and ``contract_values`` fills the contest and review letters from their
dataclasses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdesk import __version__
from hrdesk.governance.register import LOCKED_REASON, DecisionRegister, is_stored, load_register
from hrdesk.letters.kinds import ContestAcknowledgement, ContestOutcome, ReviewSummary
from hrdesk.letters.pdf import Letterhead
from hrdesk.letters.settings import LetterSettings, load_settings
from hrdesk.records.fields import PURPOSE_LABELS, Purpose

if TYPE_CHECKING:
    from hrdesk.records import Employee, Records

#: The data categories a disclosure names, by the declared purpose that keeps them.
CATEGORIES: tuple[tuple[Purpose, str], ...] = (
    (Purpose.ADMINISTRATION, "Your job details (team, manager, position, department, hire date, employment status)"),
    (Purpose.EVALUATION, "Your performance ratings and review dates"),
    (Purpose.DEVELOPMENT, "Your goals, special projects and written feedback"),
    (Purpose.WELLBEING, "Your well-being check-ins, engagement and satisfaction surveys and absences"),
    (Purpose.FAIRNESS, "Protected characteristics (sex, ethnicity, age, disability), if you gave them"),
)

RETENTION_LABELS = {"ratings": "Ratings", "feedback": "Written feedback", "goals": "Goals",
                    "checkins": "Well-being check-ins", "leavers": "Everything about someone who has left, after leaving"}

@dataclass(frozen=True)
class Population:
    """What every letter of one batch shares; read once."""

    org_name: str
    settings: LetterSettings
    register: DecisionRegister
    register_signed: bool
    purposes: frozenset[Purpose]
    retention: dict[str, int]
    opted_out: frozenset[str]  # vault ids
    managers: dict[str, str]  # team id -> manager name
    today: dt.date

    @property
    def letterhead(self) -> Letterhead:
        s = self.settings
        return Letterhead(self.org_name, s.letterhead, s.logo_path, s.signatory, s.signatory_title, s.language)

    @property
    def system_version(self) -> str:
        """hrdesk's version and a hash of everything a disclosure describes (register, purposes, retention, contact)."""
        described = {"register": self.register.fingerprint(), "purposes": sorted(p.value for p in self.purposes),
                     "retention": self.retention, "contact": [self.settings.concern_contact, self.settings.concern_response_days]}
        digest = hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:10]
        return f"{__version__}+{digest}"

    def manager_of(self, person: "Employee") -> str:
        return person.manager_name or self.managers.get(person.team_id or "", "")


def read_population(records: "Records", *, today: dt.date | None = None) -> Population:
    from hrdesk.records.consent import AI_PROCESSING
    from hrdesk.records.purposes import active_purposes
    from hrdesk.governance.signoffs import load_state
    from hrdesk.records.retention import retention_months

    vault = records.vault
    settings = load_settings(vault)
    return Population(
        org_name=settings.organisation(vault.org_name),
        settings=settings,
        register=load_register(vault),
        register_signed=is_stored(vault) and load_state(vault).is_signed(2),
        purposes=active_purposes(vault),
        retention=retention_months(vault),
        opted_out=frozenset(records.consents.opted_out(AI_PROCESSING)),
        managers={t.id: t.manager_name for t in records.teams.list()},
        today=today or dt.date.today(),
    )


def common_values(person: "Employee", pop: Population) -> dict[str, Any]:
    manager = pop.manager_of(person)
    s = pop.settings
    return {
        "org_name": pop.org_name, "letterhead": s.letterhead, "letter_date": pop.today.isoformat(),
        "employee_name": person.name, "salutation_name": salutation_name(person.name), "employee_id": person.employee_id,
        "manager_name": manager, "has_manager": bool(manager),
        "department": person.department or "", "position": person.position or "",
        "signatory": s.signatory, "signatory_title": s.signatory_title,
        "concern_contact": s.concern_contact or f"the HR team of {pop.org_name}",
        "concern_response_days": str(s.concern_response_days),
    }


def salutation_name(name: str) -> str:
    """'Last, First M' (how HRIS exports write people) as 'First M Last'; other names as written."""
    last, comma, given = name.partition(",")
    if comma and given.strip() and "," not in given:
        return f"{given.strip()} {last.strip()}"
    return name.strip()


def recipient_lines(person: "Employee") -> tuple[str, ...]:
    return tuple(line for line in (person.name, person.position or "", person.department or "") if line)


def disclosure_values(person: "Employee", pop: Population) -> dict[str, Any]:
    """Everything the AI-use disclosure says to this person."""
    register = pop.register
    opted_out = person.id in pop.opted_out
    ai_in_use = register.ai_in_use
    values = common_values(person, pop)
    values.update(
        ai_in_use=ai_in_use,
        register_signed=pop.register_signed,
        opted_out=opted_out,
        ai_decisions=[{"label": d.label, "accountable": d.accountable} for d in register.ai_informed] if ai_in_use else [],
        human_decisions=[{"label": d.label, "accountable": d.accountable,
                          "locked": " (always decided by people; this cannot be switched)" if d.locked else ""}
                         for d in register.decisions if not (ai_in_use and d.ai_may_inform)],
        locked_reason=LOCKED_REASON,
        tools=[_tool(t) for t in register.tools_in_use] if ai_in_use else [],
        retention=[{"label": RETENTION_LABELS.get(k, k), "months": _months(m)} for k, m in pop.retention.items()],
    )
    used, not_used = [], []
    for purpose, label in CATEGORIES:
        if purpose not in pop.purposes:
            not_used.append({"label": label, "why": "we do not keep this data at all."})
            continue
        used.append({"label": label, "purpose": PURPOSE_LABELS[purpose], "ai": _ai_use(purpose, register, opted_out)})
    values.update(data_used=used, data_not_used=not_used)
    return values


def _ai_use(purpose: Purpose, register: DecisionRegister, opted_out: bool) -> str:
    if purpose is Purpose.FAIRNESS:
        return "It is never used by an AI tool or to make or inform any decision about you; only to check our processes for bias."
    if opted_out:
        return "No AI tool uses it: you opted out of AI processing."
    readers = [d.label for d in register.ai_informed if purpose.value in d.data_purposes] if register.ai_in_use else []
    if not readers:
        return "No AI tool uses it."
    text = "An AI suggestion may read it for: " + ", ".join(r.lower() for r in readers) + "."
    if purpose is Purpose.WELLBEING:
        text += " It is used for coaching only, never to evaluate you."
    return text


def _tool(tool: Any) -> dict[str, str]:
    return {
        "name": tool.name, "purpose": tool.purpose,
        "data_leaves": "Your data leaves the organisation for it." if tool.data_leaves_organisation
        else "Your data stays inside the organisation.",
        "vendor_trains": "The vendor may train its models on it." if tool.vendor_may_train else "No vendor trains on your data.",
        "evidence": (f"Evidence of benefit: {tool.benefit_evidence}"
                     + (" (independently validated)." if tool.independently_validated else " (not independently validated).")
                     ) if tool.benefit_evidence else "No evidence of benefit has been offered.",
    }


def _months(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} months"


def own_data_values(person: "Employee", pop: Population, data: dict[str, Any]) -> dict[str, Any]:
    """The readable data-access report from ``data``, the person's ``records.export.collect`` (a batch
    reads everyone's at once with ``collect_many``)."""
    from hrdesk.records.consent import KINDS

    values = common_values(person, pop)

    def pairs(mapping: dict[str, Any]) -> list[dict[str, str]]:
        return [{"label": k, "value": _text(v)} for k, v in mapping.items() if v not in (None, "")]

    consent_words = {"ai_processing": "AI processing", "wellbeing_sharing": "sharing well-being check-ins with your manager"}
    values.update(
        profile=pairs(data["employee"]),
        protected=pairs(data["protected_attributes"]),
        ratings=[{"cycle": r.get("cycle") or "no cycle", "value": r.get("value"), "review_date": _text(r.get("review_date"))}
                 for r in data["ratings"]],
        goals=[{"cycle": g.get("cycle") or "no cycle", "text": g.get("text"), "status": g.get("status")} for g in data["goals"]],
        feedback=[{"cycle": f.get("cycle") or "", "date": _text(f.get("date")), "author": f"({f['author']})" if f.get("author") else "",
                   "text": f.get("text")} for f in data["feedback"]],
        checkins=[{k: _text(c.get(k)) for k in ("date", "mood", "workload", "stress", "comment")} for c in data["wellbeing_checkins"]],
        consents=[{"date": _text(c.get("at")), "kind": consent_words.get(c.get("kind"), c.get("kind")),
                   "state": "granted" if c.get("granted") else "withdrawn",
                   "by": f"(recorded by {c['by']})" if c.get("by") else ""} for c in data["consents"]
                  if c.get("kind") in KINDS],
        suggestions=[],  # the suggestions work adds them, with their explanations and the decisions taken
    )
    return values


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def contract_values(contract: Any, person: "Employee", pop: Population) -> dict[str, Any]:
    """The values of a contest or review letter from its data contract."""
    values = common_values(person, pop)
    fields = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in dataclasses.asdict(contract).items()}
    if isinstance(contract, ContestAcknowledgement | ContestOutcome):
        values.update({k: v for k, v in fields.items() if k != "employee_id"})
        values["changes"] = list(fields.get("changes", ()))
    elif isinstance(contract, ReviewSummary):
        values.update(review_date=fields["review_date"], cycle=fields["cycle"], reviewer=fields["manager"],
                      agreed_plan=list(fields["agreed_plan"]), next_checkin=fields["next_checkin"] or "",
                      has_next_checkin=bool(fields["next_checkin"]), employee_comment=fields["employee_comment"],
                      suggestions_discussed=list(fields["ai_suggestions_discussed"]))
    else:
        raise TypeError(f"not a letter data contract: {type(contract).__name__}")
    return values
