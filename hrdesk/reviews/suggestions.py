"""The suggestions a review page shows for one person, each with a stable key and its explanation.

Only what governance lets this viewer see: nothing before go-live, nothing for
a manager who has not passed the AI-literacy training (or whose team is the
pilot's comparison group), and only decision types the register lets AI
inform. When there are none, ``reason`` says why in a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hrdesk.suggest.explain import Explanation
    from hrdesk.suggest.service import Suggestion
    from hrdesk.vault import Vault

KIND_WORDS = {"retention": "Retention conversation", "development": "Development", "wellbeing": "Well-being check-in"}


@dataclass(frozen=True)
class ShownSuggestion:
    """One suggestion as the manager saw it: ``key`` names it in answers files (``development-2``)."""

    key: str
    suggestion: "Suggestion"
    explanation: "Explanation | None" = None  # the retention model's exact reasons; rules explain themselves

    @property
    def kind(self) -> str:
        return self.suggestion.kind

    @property
    def text(self) -> str:
        """The suggestion in words, as it is kept with the decision."""
        return f"{KIND_WORDS.get(self.kind, self.kind)}: {self.suggestion.suggest}"


@dataclass(frozen=True)
class PersonSuggestions:
    live: bool
    reason: str  # why there are none ("" when there are)
    items: tuple[ShownSuggestion, ...] = ()

    def by_key(self) -> dict[str, ShownSuggestion]:
        return {s.key: s for s in self.items}


def keyed(items: "list[Suggestion]") -> tuple[ShownSuggestion, ...]:
    """Number suggestions within their kind: ``retention``, ``development``, ``development-2``, ..."""
    seen: dict[str, int] = {}
    out = []
    for s in items:
        seen[s.kind] = seen.get(s.kind, 0) + 1
        out.append(ShownSuggestion(s.kind if seen[s.kind] == 1 else f"{s.kind}-{seen[s.kind]}", s))
    return tuple(out)


def for_person(vault: "Vault", hris_id: str, *, manager: Any = None, name: str = "") -> PersonSuggestions:
    """The suggestions about one person that ``manager`` (None: HR) may see now, explained, or why none."""
    from hrdesk.suggest import retention
    from hrdesk.suggest.explain import Explainer
    from hrdesk.suggest.gate import governance_gate
    from hrdesk.suggest.pipeline import build_features
    from hrdesk.suggest.service import current_suggestions
    from hrdesk.suggest.store import has_model, load_stored

    if not governance_gate(vault).open:  # cheap: before go-live nothing is computed at all
        return PersonSuggestions(False, current_suggestions(vault, manager=manager).reason)
    table = build_features(vault)
    listed = current_suggestions(vault, manager=manager, table=table)
    if not listed.live:
        return PersonSuggestions(False, listed.reason)
    mine = keyed([s for s in listed.items if s.employee_id == hris_id])
    if not mine:
        who = name or f"employee {hris_id}"
        extra = (" " + " ".join(listed.notes)) if listed.notes else ""
        return PersonSuggestions(True, f"Suggestions are live, and there is none for {who} now.{extra}")
    explained = []
    explainer = None
    for item in mine:
        if item.kind == "retention" and has_model(vault, retention.KIND):
            explainer = explainer or Explainer(load_stored(vault, retention.KIND), table)
            item = ShownSuggestion(item.key, item.suggestion, explainer.explain(hris_id))
        explained.append(item)
    return PersonSuggestions(True, "", tuple(explained))
