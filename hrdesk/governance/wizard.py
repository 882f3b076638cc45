"""The governance state machine: each step's state, what it needs now, and signing it, strictly in order.

The window, the CLI and any script call these same functions, so the order
is enforced in one place: ``complete`` refuses a step while an earlier one is
unsigned, naming it (``StepNotOpenError``), and refuses answers that do not
hold, naming the field (``InvalidAnswersError``). Nothing is written then.

Signing is a session operation (one transaction, audit-logged): step 2
stores the decision register, step 3 the rights and retention settings, step
4 the attestations, before the sign-off itself, so the sign-off always comes
after what it signs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdesk.errors import InvalidInputError, PermissionDeniedError, StepNotOpenError
from hrdesk.governance import signoffs
from hrdesk.governance.invalidation import pending
from hrdesk.governance.signoffs import GovernanceState, Reopening, SignedMark, SignOff
from hrdesk.governance.steps import COUNT, STEPS, Step, StepState, step as find_step
from hrdesk.session.actor import Actor, Role

if TYPE_CHECKING:
    from hrdesk.session import Outcome, Session
    from hrdesk.vault import Vault


@dataclass(frozen=True)
class StepView:
    """One step as the progress rail, ``status`` and the status line show it."""

    step: Step
    state: StepState
    signed: SignedMark | None  # the latest sign-off, even when reopened since
    reopened_by: Reopening | None
    blocked_by: int = 0  # the first earlier step not signed (LOCKED)

    @property
    def sentence(self) -> str:
        s = self.step
        if self.state is StepState.SIGNED and self.signed:
            return f"Step {s.number} ({s.title}): signed by {self.signed.by} on {self.signed.time[:10]}"
        if self.state is StepState.REOPENED and self.reopened_by:
            return f"Step {s.number} ({s.title}): " + self.reopened_by.sentence(s.number)
        if self.state is StepState.LOCKED:
            return f"Step {s.number} ({s.title}): waits for step {self.blocked_by}"
        return f"Step {s.number} ({s.title}): open, needs {s.needs}"

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step.number, "title": self.step.title, "state": self.state.value,
                "signed_by": self.signed.by if self.signed else None,
                "signed_at": self.signed.time if self.signed else None,
                "reopened": ({"by": self.reopened_by.by, "at": self.reopened_by.time,
                              "change": self.reopened_by.description, "from_step": self.reopened_by.from_step}
                             if self.reopened_by else None),
                "sentence": self.sentence}


def views(state: GovernanceState) -> tuple[StepView, ...]:
    out: list[StepView] = []
    blocked = 0
    for s in STEPS:
        mark, again = state.signed.get(s.number), state.reopening(s.number)
        if blocked:
            view = StepView(s, StepState.LOCKED, mark, again, blocked)
        elif state.is_signed(s.number):
            view = StepView(s, StepState.SIGNED, mark, None)
        else:
            view = StepView(s, StepState.REOPENED if again else StepState.OPEN, mark, again)
            blocked = s.number
        out.append(view)
    return tuple(out)


def overview(vault: "Vault") -> tuple[StepView, ...]:
    """Every step's state (reads only the small governance state, plus log entries not yet checked)."""
    return views(pending(vault))


def require_open(vault: "Vault", number: int) -> None:
    """Raise ``StepNotOpenError`` with the reason unless every step before ``number`` is signed."""
    for view in overview(vault)[: number - 1]:
        if view.state is not StepState.SIGNED:
            why = (view.reopened_by.sentence(view.step.number) if view.state is StepState.REOPENED and view.reopened_by
                   else f"step {view.step.number} ({view.step.title}) is not signed")
            raise StepNotOpenError(
                f"Step {number} ({STEPS[number - 1].title}) cannot be completed yet: {why}.",
                hint=f"Complete step {view.step.number} first; the steps are signed in order, 1 to {COUNT}.")


def _signer(vault: "Vault", actor: Actor, signed_by: str) -> tuple[str, str]:
    """The named HR user who signs (their id and name); the acting user must be HR too."""
    if actor.role is not Role.HR:
        raise PermissionDeniedError("Only HR signs governance steps.")
    name = (signed_by or "").strip()
    if not name:
        raise InvalidInputError("Name who signs this step (an HR user of this vault).")
    for user in vault.users():
        if user.name.casefold() == name.casefold() and Actor.of(user).role is Role.HR:
            return user.id, user.name
    hr = [u.name for u in vault.users() if Actor.of(u).role is Role.HR]
    raise InvalidInputError(f"'{name}' is not an HR user of this vault, so cannot sign.",
                            hint="HR users: " + ", ".join(hr) + ".")


def _sign(vault: "Vault", actor: Actor, number: int, raw: Mapping[str, Any], signed_by: str) -> SignOff:
    from hrdesk.governance import step_audit, step_live, step_register, step_rights
    from hrdesk.governance.register import load_register, save_register
    from hrdesk.records import Records
    from hrdesk.records.retention import retention_months, set_retention_months

    require_open(vault, number)
    signer_id, signer = _signer(vault, actor, signed_by)
    answers = dict(raw) if isinstance(raw, Mapping) else raw
    summary = ""
    with vault.transaction():
        if number == 1:
            evidence = step_audit.check(vault, answers)
        elif number == 2:
            register = step_register.to_register(answers)
            if register.fingerprint() != load_register(vault).fingerprint():
                save_register(vault, register)
            evidence = {"register": register.fingerprint(),
                        "unvalidated_claims": step_register.unvalidated_claims(register)}
        elif number == 3:
            rights = step_rights.read_rights(answers)
            months = step_rights.read_retention(answers)
            assessment = step_rights.read_assessment(answers)
            step_rights.save_rights(vault, rights)
            if months != retention_months(vault):
                set_retention_months(vault, months)
            summary = step_rights.summary(rights, months, assessment, step_rights.dropped_columns(vault), vault.org_name)
            evidence = {"rights": signoffs.answers_hash(rights.to_dict())[:16], "retention": months}
        elif number == 4:
            evidence = _training(vault, actor, answers)
        elif number == 5:
            step_live.read_communication(answers)
            evidence = _letters(vault)
        else:
            from hrdesk.governance.training import managers_in_scope

            golive = step_live.read_golive(answers, managers_in_scope(Records(vault)))
            evidence = {"pilot_teams": list(golive.pilot_teams)}
        return signoffs.record(vault, step=number, signer_id=signer_id, signer=signer, answers=answers,
                               evidence=evidence, summary=summary)


def _training(vault: "Vault", actor: Actor, answers: Any) -> dict[str, Any]:
    from hrdesk.governance import step_live, training
    from hrdesk.records import Records

    managers = training.managers_in_scope(Records(vault))
    for att in step_live.read_attestations(answers, managers):
        training.attest(vault, actor, att.managers, what=att.what, when=att.when, provider=att.provider)
    states = training.training_state(vault, managers)
    missing = [s.manager.name for s in states if not s.trained]
    if missing:
        raise StepNotOpenError(
            f"{len(missing)} manager(s) in scope have not passed the quiz or had training attested, "
            f"e.g. {', '.join(missing[:3])}.",
            hint="Each manager takes the quiz when signed in, or attest training done elsewhere in the answers.")
    return {"training_records": [s.record.id for s in states if s.record], "managers": len(managers)}


def _letters(vault: "Vault") -> dict[str, Any]:
    from hrdesk.letters.log import disclosure_status
    from hrdesk.records import Records

    records = Records(vault)
    managers = {t.id: t.manager_name for t in records.teams.list()}
    summary = disclosure_status(vault, records.employees.list(), managers)
    lacking = [p for p in summary.people if not p.current_and_delivered]
    if lacking:
        first = lacking[0]
        why = first.reason if first.state.value != "current" else "not marked delivered"
        raise StepNotOpenError(
            f"{len(lacking)} of {len(summary.people)} employees in scope lack a current AI-use disclosure marked "
            f"delivered, e.g. {first.name} ({why}).",
            hint="Generate their disclosure letters and mark them delivered (Letters, or 'hrdesk letters').")
    return {"letters": [p.letter.id for p in summary.people if p.letter], "employees": len(summary.people)}


def complete(session: "Session", step: int | str, answers: Mapping[str, Any], signed_by: str) -> "Outcome[SignOff]":
    """Sign ``step`` with ``answers`` as ``signed_by`` (an HR user), in one transaction, or refuse with the reason."""
    number = find_step(step).number
    return session.perform(lambda vault: _sign(vault, session.actor, number, answers, signed_by))


def resign(session: "Session", step: int | str, signed_by: str) -> "Outcome[SignOff]":
    """Sign a reopened step again with the answers of its last sign-off (the one confirmation re-signing takes)."""
    number = find_step(step).number
    last = session.read(lambda vault: signoffs.latest(vault, number))
    if last is None:
        raise InvalidInputError(f"Step {number} was never signed, so there are no earlier answers to sign again.")
    return complete(session, number, last.answers, signed_by)


def answers_unchanged(vault: "Vault", step: int, answers: Mapping[str, Any]) -> bool:
    """Whether ``answers`` are those of the step's last sign-off (re-signing them takes one confirmation)."""
    mark = signoffs.load_state(vault).signed.get(step)
    return mark is not None and mark.hash == signoffs.answers_hash(answers)


