"""The decision register (governance step 2): which decisions AI may inform, and the AI tools in use.

The register is a plain, frozen value::

    register = load_register(vault)                    # the stored one, or DEFAULT_REGISTER
    register.decision("promotion").ai_may_inform       # False, always
    changed = register.with_decision("development_recommendation", ai_may_inform=True, accountable="Line manager")
    session.set_decision_register(changed)             # validated, stored encrypted, audit-logged

It is stored in the vault's encrypted meta under ``governance.decision_register``
and written only through the session operation, whose audit action
(``governance.register_changed``) is registered as a *system change*: every
AI-use disclosure letter generated before it is stale (``hrdesk.letters.log``).

Until anything is stored, the default says plainly that AI informs no
decision yet. Promotion, compensation and termination are human only and
cannot be switched (``LOCKED_REASON`` says why). The governance wizard (step 2)
edits this value and signs it off; the letters read it as it stands.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdesk.errors import InvalidInputError

if TYPE_CHECKING:
    from hrdesk.vault import Vault

META_KEY = "governance.decision_register"
ACTION_CHANGED = "governance.register_changed"

AI_MAY_INFORM = "AI may inform"
HUMAN_ONLY = "human only"

LOCKED_REASON = (
    "Decisions about pay, promotion and ending employment change a person's livelihood and career; "
    "they are made by people on the evidence, and no AI suggestion may inform them."
)


@dataclass(frozen=True)
class DecisionType:
    """One kind of decision about employees, and whether an AI suggestion may inform it.

    ``data_purposes`` names the declared data purposes (``records.fields.Purpose``
    values) an AI suggestion for this decision may read when it is AI-informed;
    the disclosure letter lists them to each employee.
    """

    key: str
    label: str
    ai_may_inform: bool = False
    accountable: str = ""
    locked: bool = False  # human only, not switchable (promotion, compensation, termination)
    data_purposes: tuple[str, ...] = ()
    custom: bool = False  # added by HR

    @property
    def mode(self) -> str:
        return AI_MAY_INFORM if self.ai_may_inform else HUMAN_ONLY


@dataclass(frozen=True)
class AiTool:
    """An AI tool in use (hrdesk's own models included), as the register and the packet describe it."""

    name: str
    purpose: str
    in_use: bool = False
    data_leaves_organisation: bool = False
    vendor_may_train: bool = False
    benefit_evidence: str = ""
    independently_validated: bool = False

    @property
    def unvalidated_claim(self) -> bool:
        """A claimed benefit nobody independent has checked (the packet names it so)."""
        return bool(self.benefit_evidence) and not self.independently_validated


@dataclass(frozen=True)
class DecisionRegister:
    decisions: tuple[DecisionType, ...]
    tools: tuple[AiTool, ...]

    def decision(self, key: str) -> DecisionType:
        for item in self.decisions:
            if item.key == key:
                return item
        raise InvalidInputError(f"'{key}' is not a decision type in the register.",
                                hint="Known: " + ", ".join(d.key for d in self.decisions) + ".")

    @property
    def ai_informed(self) -> tuple[DecisionType, ...]:
        return tuple(d for d in self.decisions if d.ai_may_inform)

    @property
    def human_only(self) -> tuple[DecisionType, ...]:
        return tuple(d for d in self.decisions if not d.ai_may_inform)

    @property
    def tools_in_use(self) -> tuple[AiTool, ...]:
        return tuple(t for t in self.tools if t.in_use)

    @property
    def ai_in_use(self) -> bool:
        """Whether any AI tool is in use and may inform some decision."""
        return bool(self.ai_informed) and bool(self.tools_in_use)

    def with_decision(self, key: str, **changes: Any) -> "DecisionRegister":
        current = self.decision(key)
        return dataclasses.replace(self, decisions=tuple(dataclasses.replace(d, **changes) if d is current else d
                                                         for d in self.decisions))

    def with_tool(self, tool: AiTool) -> "DecisionRegister":
        """The register with ``tool`` added, or replacing the tool of the same name."""
        others = tuple(t for t in self.tools if t.name != tool.name)
        return dataclasses.replace(self, tools=(*others, tool))

    def fingerprint(self) -> str:
        """A short hash of the register's content (cited by letters and sign-offs)."""
        text = json.dumps(to_dict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_FIXED = frozenset({"promotion", "compensation", "termination"})

DEFAULT_DECISIONS: tuple[DecisionType, ...] = (
    DecisionType("retention_risk_conversation", "Retention-risk conversation",
                 data_purposes=("administration", "evaluation", "development")),
    DecisionType("development_recommendation", "Development recommendation", data_purposes=("evaluation", "development")),
    DecisionType("wellbeing_checkin_prompt", "Well-being check-in prompt", data_purposes=("wellbeing",)),
    DecisionType("rating_calibration", "Rating calibration", data_purposes=("evaluation",)),
    DecisionType("promotion", "Promotion", locked=True),
    DecisionType("compensation", "Compensation", locked=True),
    DecisionType("termination", "Termination", locked=True),
)

DEFAULT_TOOLS: tuple[AiTool, ...] = (
    AiTool("hrdesk suggestion models",
           "Retention-risk flags, development recommendations and well-being check-in prompts, trained on this "
           "organisation's own records on this computer",
           in_use=False, data_leaves_organisation=False, vendor_may_train=False,
           benefit_evidence="hrdesk's own monitoring of override and contest rates once live",
           independently_validated=False),
)

DEFAULT_REGISTER = DecisionRegister(DEFAULT_DECISIONS, DEFAULT_TOOLS)


def validate(register: DecisionRegister) -> DecisionRegister:
    """The register if it is acceptable; ``InvalidInputError`` naming the field otherwise."""
    keys = [d.key for d in register.decisions]
    missing = sorted(_FIXED - set(keys))
    if missing:
        raise InvalidInputError(f"The decision register must keep {', '.join(missing)} (human only).")
    if len(set(keys)) != len(keys):
        raise InvalidInputError("The decision register names a decision type twice.")
    for item in register.decisions:
        if not item.key or not item.label.strip():
            raise InvalidInputError("Every decision type needs a key and a label.")
        if (item.key in _FIXED or item.locked) and item.ai_may_inform:
            raise InvalidInputError(f"{item.label} is human only and cannot be switched: {LOCKED_REASON}")
        if item.ai_may_inform and not item.accountable.strip():
            raise InvalidInputError(f"{item.label}: name who is accountable before AI may inform it.",
                                    hint="The accountable person decides; the suggestion is one input.")
    names = [t.name for t in register.tools]
    if len(set(names)) != len(names) or any(not n.strip() for n in names):
        raise InvalidInputError("Every AI tool in the register needs its own, non-empty name.")
    return dataclasses.replace(register, decisions=tuple(
        dataclasses.replace(d, locked=True) if d.key in _FIXED else d for d in register.decisions))


def to_dict(register: DecisionRegister) -> dict[str, Any]:
    return {"decisions": [dataclasses.asdict(d) for d in register.decisions],
            "tools": [dataclasses.asdict(t) for t in register.tools]}


def from_dict(raw: Mapping[str, Any]) -> DecisionRegister:
    """Read a stored or hand-written register; unknown keys are ignored."""

    def build(cls: type, item: Mapping[str, Any]) -> Any:
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in item.items() if k in names}
        try:
            return cls(**values)
        except TypeError as exc:
            raise InvalidInputError(f"A decision-register entry is incomplete: {exc}.") from None

    decisions = tuple(build(DecisionType, d) for d in _items(raw.get("decisions")))
    tools = tuple(build(AiTool, t) for t in _items(raw.get("tools")))
    return validate(DecisionRegister(decisions, tools))


def _items(value: Any) -> Iterable[Mapping[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise InvalidInputError("A decision register holds a list of 'decisions' and a list of 'tools'.")
    return value


def load_register(vault: "Vault") -> DecisionRegister:
    """The stored register, or the default (AI informs nothing yet)."""
    stored = vault.meta_get(META_KEY)
    return DEFAULT_REGISTER if stored is None else from_dict(stored)


def is_stored(vault: "Vault") -> bool:
    return vault.meta_get(META_KEY) is not None


def save_register(vault: "Vault", register: DecisionRegister) -> DecisionRegister:
    """Validate and store the register with its audit entry (call through ``Session.set_decision_register``)."""
    checked = validate(register)
    before = load_register(vault)
    with vault.transaction():
        vault.meta_set(META_KEY, to_dict(checked))
        vault.audit(ACTION_CHANGED, details={
            "fingerprint": checked.fingerprint(), "previous": before.fingerprint(),
            "ai_may_inform": [d.key for d in checked.ai_informed],
            "tools_in_use": [t.name for t in checked.tools_in_use],
        })
    return checked
