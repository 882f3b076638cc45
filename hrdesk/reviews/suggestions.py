"""The suggestions a review page shows for one person, each with a stable key and its explanation.

Only what governance lets this viewer see: nothing before go-live, nothing for
a manager who has not passed the AI-literacy training (or whose team is the
pilot's comparison group), and only decision types the register lets AI
inform. When there are none, ``reason`` says why in a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdesk.errors import PermissionDeniedError

if TYPE_CHECKING:
    from hrdesk.suggest.explain import Explanation
    from hrdesk.suggest.service import Suggestion
    from hrdesk.vault import Vault

NOT_SHARED_YET = ("This vault's suggestion model or decision register was saved before managers could read them; "
                  "HR retrains the model (or saves the decision register) once, and suggestions appear here.")
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


class Scored:
    """The suggestions this viewer may see across their whole scope, scored once: a page per person picks from it.

    Scoring reads the viewer's whole scope (a manager's teams; for HR, everyone), so a window keeps one and
    scores again only after a change to what suggestions rest on. The retention explainer (team medians for
    every team) is made on first use.
    """

    def __init__(self, live: bool, reason: str, listed: Any = None, table: Any = None) -> None:
        self.live, self.reason, self.listed, self.table = live, reason, listed, table
        self._explainer: Any = None

    def explainer(self, vault: "Vault") -> Any:
        from hrdesk.suggest import retention
        from hrdesk.suggest.explain import Explainer
        from hrdesk.suggest.store import has_model, load_stored

        if self._explainer is None and has_model(vault, retention.KIND):
            self._explainer = Explainer(load_stored(vault, retention.KIND), self.table)
        return self._explainer


def score(vault: "Vault", *, manager: Any = None) -> Scored:
    """Every suggestion ``manager`` (None: HR) may see now, or why there are none."""
    from hrdesk.suggest.gate import governance_gate
    from hrdesk.suggest.pipeline import build_features
    from hrdesk.suggest.service import current_suggestions

    if not governance_gate(vault).open:  # cheap: before go-live nothing is computed at all
        return Scored(False, current_suggestions(vault, manager=manager).reason)
    try:
        table = build_features(vault)
        listed = current_suggestions(vault, manager=manager, table=table)
    except PermissionDeniedError:  # a vault whose model or register predates managers reading them
        return Scored(False, NOT_SHARED_YET)
    return Scored(listed.live, "" if listed.live else listed.reason, listed, table)


def for_person(vault: "Vault", hris_id: str, *, manager: Any = None, name: str = "",
               scored: Scored | None = None) -> PersonSuggestions:
    """The suggestions about one person that ``manager`` (None: HR) may see now, explained, or why none."""
    scored = scored or score(vault, manager=manager)
    if not scored.live:
        return PersonSuggestions(False, scored.reason)
    listed = scored.listed
    mine = keyed([s for s in listed.items if s.employee_id == hris_id])
    if not mine:
        who = name or f"employee {hris_id}"
        extra = (" " + " ".join(listed.notes)) if listed.notes else ""
        return PersonSuggestions(True, f"Suggestions are live, and there is none for {who} now.{extra}")
    explained = []
    for item in mine:
        explainer = scored.explainer(vault) if item.kind == "retention" else None
        if explainer is not None:
            item = ShownSuggestion(item.key, item.suggestion, explainer.explain(hris_id))
        explained.append(item)
    return PersonSuggestions(True, "", tuple(explained))
