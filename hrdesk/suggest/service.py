"""The current suggestions and explanations, behind the governance gates.

Before go-live nothing is suggested to anyone and the reason is returned
instead; after go-live each suggestion type appears only when the decision
register lets AI inform its decision type. Only consenting employees still
employed are ever scored (the feature pipeline leaves the opted-out out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hrdesk.errors import NotEnoughHistoryError, PermissionDeniedError
from hrdesk.suggest import development, retention, wellbeing
from hrdesk.suggest.explain import Explainer, Explanation
from hrdesk.suggest.gate import decision_gate, governance_gate
from hrdesk.suggest.pipeline import FeatureTable, build_features
from hrdesk.suggest.store import has_model, load_stored

TYPES = {
    "retention": retention.DECISION,
    "development": development.DECISION,
    "wellbeing": wellbeing.DECISION,
}


@dataclass(frozen=True)
class Suggestion:
    kind: str  # retention | development | wellbeing
    decision: str
    employee_id: str
    name: str
    team: str  # the manager's name: people with the same manager form a team
    team_id: str | None
    because: str
    suggest: str
    probability: float | None = None


@dataclass(frozen=True)
class SuggestionList:
    live: bool
    reason: str
    items: tuple[Suggestion, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def by_team(self) -> dict[str, list[Suggestion]]:
        out: dict[str, list[Suggestion]] = {}
        for s in self.items:
            out.setdefault(s.team, []).append(s)
        return dict(sorted(out.items()))


def current_suggestions(vault: Any, *, table: FeatureTable | None = None, manager: Any = None) -> SuggestionList:
    """Every suggestion governance allows now, or the reason there are none.

    With ``manager`` (a ``governance.training.Manager``): only their teams' suggestions, and none at all unless
    ``governance.gate`` lets that manager see suggestions (trained, in the pilot when there is one).
    """
    gate = governance_gate(vault)
    if not gate.open:
        return SuggestionList(False, gate.reason)
    if manager is not None:
        from hrdesk.governance.gate import suggestions_gate

        allowed_manager = suggestions_gate(vault, manager)
        if not allowed_manager.allowed:
            return SuggestionList(False, allowed_manager.reason)
    table = table or build_features(vault)
    team = {i: table.managers[i] or "(no manager recorded)" for i in range(len(table.employees))}
    items: list[Suggestion] = []
    notes: list[str] = []
    allowed = {kind: decision_gate(vault, decision) for kind, decision in TYPES.items()}
    notes += [g.reason for g in allowed.values() if not g.open]
    if allowed["retention"].open:
        if not has_model(vault, retention.KIND):
            notes.append("No retention-risk model is trained yet (hrdesk suggest VAULT train).")
        else:
            explainer = Explainer(load_stored(vault, retention.KIND), table)
            for i in (explainer.flagged()).nonzero()[0]:
                e = explainer.explain_index(int(i))
                items.append(Suggestion("retention", retention.DECISION, table.hris_ids[i], table.names[i], team[i],
                                        table.teams[i],
                                        "; ".join(c.words for c in e.raised) or "the combination of factors",
                                        "Have a retention conversation: ask how they are doing and what would help.",
                                        float(e.probability)))
    if allowed["development"].open:
        index = {h: i for i, h in enumerate(table.hris_ids)}
        for r in development.recommend(table, development.load_catalogue()):
            i = index[r.employee_id]
            items.append(Suggestion("development", development.DECISION, r.employee_id, r.name, team[i],
                                    table.teams[i], r.because, f"{r.kind.capitalize()}: {r.suggest}"))
    if allowed["wellbeing"].open:
        active = {e for e, a in zip(table.employees, table.active) if a}
        if manager is not None:  # a manager sees a well-being prompt only for people who share check-ins with them
            from hrdesk.records.consent import WELLBEING_SHARING, ConsentRepository

            active &= ConsentRepository(vault).granted(WELLBEING_SHARING)
        index = {e: i for i, e in enumerate(table.employees)}
        for p in wellbeing.wellbeing_prompts(vault, active):
            i = index[p.employee]
            items.append(Suggestion("wellbeing", wellbeing.DECISION, table.hris_ids[i], table.names[i], team[i],
                                    table.teams[i], p.because, p.prompt))
    if manager is not None:
        items = [s for s in items if s.team_id in set(manager.team_ids)]
    items.sort(key=lambda s: (s.team, s.name, s.kind))
    return SuggestionList(True, gate.reason, tuple(items), tuple(notes))


def manager_of(session: Any) -> Any:
    """The signed-in manager as governance knows managers (their teams are the team keys they hold); None for HR."""
    from hrdesk.governance.training import Manager
    from hrdesk.session.actor import Role

    if session.actor.role is not Role.MANAGER:
        return None
    vault = session.vault
    user = vault.user
    return Manager(user.manager_name or user.name, user.employee_id or None, tuple(sorted(vault.held_team_ids())), 0)


def explain_employee(vault: Any, hris_id: str, *, manager: Any = None) -> Explanation:
    """One person's retention-risk explanation; refused before go-live, if the register keeps it human only,
    or (with ``manager``) if that manager may not see suggestions or the person is not in their teams."""
    for gate in (governance_gate(vault), decision_gate(vault, retention.DECISION)):
        if not gate.open:
            raise PermissionDeniedError(gate.reason, hint="No explanation is shown until suggestions are allowed.")
    if manager is not None:
        from hrdesk.governance.gate import suggestions_gate

        allowed = suggestions_gate(vault, manager)
        if not allowed.allowed:
            raise PermissionDeniedError(allowed.reason)
    if not has_model(vault, retention.KIND):
        raise NotEnoughHistoryError("No retention-risk model is trained yet, so there is nothing to explain.",
                                    hint="Train one first: hrdesk suggest VAULT train")
    explainer = Explainer(load_stored(vault, retention.KIND), build_features(vault))
    i = explainer.table.index_of(hris_id)
    if manager is not None and i is not None and explainer.table.teams[i] not in set(manager.team_ids):
        raise PermissionDeniedError(f"Employee '{hris_id}' is not in {manager.name}'s teams.")
    return explainer.explain(hris_id)


def train(session: Any, *, kind: str = "retention", progress: Any = None) -> "retention.TrainResult":
    """Train a model as the session's user, in one transaction (stored with its card, audit-logged)."""
    from hrdesk.errors import InvalidInputError
    from hrdesk.progress import NULL_PROGRESS

    if kind != "retention":
        raise InvalidInputError(f"'{kind}' suggestions are not trained: only the retention-risk model learns from "
                                "history.", hint="Development recommendations follow the editable catalogue and "
                                "well-being prompts follow check-ins; neither needs training.")
    from hrdesk.suggest.proxy import protected_groups

    session.require_hr("train suggestion models", "suggest train")
    name = session.actor.name
    table = session.read(build_features)
    retention.check_table(table)
    # The protected attributes are read (and the read logged) in a transaction of its own: a cancelled training
    # rolls back the model, not the record that they were read.
    groups = session.perform(lambda vault: protected_groups(vault, table.employees, table.reference)).result
    return session.perform(lambda vault: retention.train_retention(
        vault, trained_by=name, progress=progress or NULL_PROGRESS, table=table, groups=groups)).result
