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
    from hrdesk.records.types import Employee
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
    """What this viewer may see suggested, kept by a window between pages: the gates, read once, and each team's
    features and explainer, made when someone of that team is first opened.

    One person's suggestions rest on their own records and their team's (the explanation compares with the
    team), never on the rest of the organisation, so opening a page reads one team whoever is looking. A window
    keeps one and makes a new one after a change to what suggestions rest on.
    """

    def __init__(self, live: bool, reason: str, gates: Any = None) -> None:
        self.live, self.reason, self.gates = live, reason, gates
        self._teams: dict[str | None, tuple[Any, Any]] = {}

    def team(self, vault: "Vault", team_id: str | None) -> tuple[Any, Any]:
        """The team's feature table and the retention explainer over it (None without a trained model)."""
        if team_id not in self._teams:
            from hrdesk.suggest import retention
            from hrdesk.suggest.explain import Explainer
            from hrdesk.suggest.pipeline import build_team_features
            from hrdesk.suggest.store import has_model, load_stored

            table = build_team_features(vault, team_id)
            explainer = (Explainer(load_stored(vault, retention.KIND), table)
                         if "retention" in self.gates.kinds and has_model(vault, retention.KIND) else None)
            self._teams[team_id] = (table, explainer)
        return self._teams[team_id]


def score(vault: "Vault", *, manager: Any = None) -> Scored:
    """Whether ``manager`` (None: HR) may see suggestions now and which kinds, or why there are none."""
    from hrdesk.suggest.service import gates

    try:
        allowed = gates(vault, manager=manager)
    except PermissionDeniedError:  # a vault whose model or register predates managers reading them
        return Scored(False, NOT_SHARED_YET)
    return Scored(allowed.live, "" if allowed.live else allowed.reason, allowed)


def for_person(vault: "Vault", hris_id: str, *, manager: Any = None, name: str = "",
               scored: Scored | None = None, person: "Employee | None" = None) -> PersonSuggestions:
    """The suggestions about one person that ``manager`` (None: HR) may see now, explained, or why none.

    ``person``: their record when the caller has it (saves looking the HRIS id up among everyone).
    """
    from hrdesk.records import Records
    from hrdesk.suggest.service import person_suggestions

    scored = scored or score(vault, manager=manager)
    if not scored.live:
        return PersonSuggestions(False, scored.reason)
    if person is None or person.employee_id != hris_id:
        person = Records(vault).employees.by_employee_id(hris_id)
    explainer = None
    mine: tuple[ShownSuggestion, ...] = ()
    if person is not None:
        try:
            table, explainer = scored.team(vault, person.team_id)
            listed = person_suggestions(vault, person.id, person.team_id, manager=manager, allowed=scored.gates,
                                        table=table, explainer=explainer)
        except PermissionDeniedError:  # a vault whose model predates managers reading it
            return PersonSuggestions(False, NOT_SHARED_YET)
        mine = keyed([s for s in listed.items if s.employee_id == hris_id])
    if not mine:
        who = name or f"employee {hris_id}"
        notes = scored.gates.notes
        extra = (" " + " ".join(notes)) if notes else ""
        return PersonSuggestions(True, f"Suggestions are live, and there is none for {who} now.{extra}")
    explained = []
    for item in mine:
        if item.kind == "retention" and explainer is not None:
            item = ShownSuggestion(item.key, item.suggestion, explainer.explain(hris_id))
        explained.append(item)
    return PersonSuggestions(True, "", tuple(explained))
