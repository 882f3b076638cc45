"""Step 2, the decision register: the answers become the stored register (``register.py``), then it is signed.

Answers (``hrdesk/resources/governance/step-2.json``)::

    {"decisions": [{"key": "development_recommendation", "mode": "AI may inform" | "human only",
                    "accountable": "Line manager", "label": "...", "data_purposes": [...]}, ...],
     "tools": [{"name": "...", "purpose": "...", "in_use": true, "data_leaves_organisation": false,
                "vendor_may_train": false, "benefit_evidence": "...", "independently_validated": false}]}

Every standard decision type must be listed (HR may add more with a label);
promotion, compensation and termination are human only and cannot be
switched. Each decision names who is accountable. hrdesk's own models are
always among the tools.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hrdesk.errors import InvalidAnswersError, InvalidInputError
from hrdesk.governance import answers as a
from hrdesk.governance.register import (
    AI_MAY_INFORM, DEFAULT_DECISIONS, DEFAULT_TOOLS, HUMAN_ONLY, LOCKED_REASON, AiTool, DecisionRegister,
    DecisionType, validate,
)

_DEFAULTS = {d.key: d for d in DEFAULT_DECISIONS}


def to_register(raw: Mapping[str, Any]) -> DecisionRegister:
    """The register the answers describe; ``InvalidAnswersError`` names the field otherwise."""
    answers = a.obj(raw, "")
    decisions: list[DecisionType] = []
    seen: set[str] = set()
    for i, item in enumerate(a.items(answers, "decisions", min_items=1)):
        where = f"decisions[{i}]"
        item = a.obj(item, where)
        key = a.text(item, "key", where)
        if key in seen:
            raise InvalidAnswersError(f"{where}.key", f"'{key}' is listed twice")
        seen.add(key)
        base = _DEFAULTS.get(key)
        label = str(item.get("label") or (base.label if base else "")).strip()
        if not label:
            raise InvalidAnswersError(f"{where}.label", "a decision type HR adds needs a label")
        mode = a.choice(item, "mode", (AI_MAY_INFORM, HUMAN_ONLY), where)
        locked = bool(base and base.locked)
        if locked and mode == AI_MAY_INFORM:
            raise InvalidAnswersError(f"{where}.mode", f"{label} is human only and cannot be switched: {LOCKED_REASON}")
        accountable = a.text(item, "accountable", where, hint="Name the role or person who makes this decision.")
        purposes = item.get("data_purposes", list(base.data_purposes) if base else [])
        if not isinstance(purposes, list) or not all(isinstance(p, str) for p in purposes):
            raise InvalidAnswersError(f"{where}.data_purposes", "a list of data purposes is needed")
        decisions.append(DecisionType(key, label, ai_may_inform=mode == AI_MAY_INFORM, accountable=accountable,
                                      locked=locked, data_purposes=tuple(purposes), custom=base is None))
    missing = [k for k in _DEFAULTS if k not in seen]
    if missing:
        raise InvalidAnswersError("decisions", f"the standard decision type '{missing[0]}' is missing",
                                  hint="List every standard type with its mode; HR may add types, not remove them.")
    tools = [_tool(item, f"tools[{i}]") for i, item in enumerate(a.items(answers, "tools", min_items=1))]
    own = {t.name for t in DEFAULT_TOOLS}
    if not own & {t.name for t in tools}:
        raise InvalidAnswersError("tools", f"hrdesk's own models ('{next(iter(own))}') must be in the register of AI tools")
    try:
        return validate(DecisionRegister(tuple(decisions), tuple(tools)))
    except InvalidInputError as exc:
        raise InvalidAnswersError("decisions", exc.message) from None


def _tool(raw: Any, where: str) -> AiTool:
    item = a.obj(raw, where)
    tool = AiTool(
        name=a.text(item, "name", where), purpose=a.text(item, "purpose", where),
        in_use=a.flag(item, "in_use", where),
        data_leaves_organisation=a.flag(item, "data_leaves_organisation", where),
        vendor_may_train=a.flag(item, "vendor_may_train", where),
        benefit_evidence=a.text(item, "benefit_evidence", where,
                                hint="Say what evidence of benefit there is, or 'none offered'."),
        independently_validated=a.flag(item, "independently_validated", where))
    return tool


def unvalidated_claims(register: DecisionRegister) -> list[str]:
    """Tools whose claimed benefit nobody independent has checked (named so in the packet)."""
    return [f"{t.name}: '{t.benefit_evidence}' is not independently validated" for t in register.tools
            if t.unvalidated_claim]
