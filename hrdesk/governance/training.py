"""Step 4, manager AI literacy: the training module, the quiz, attestations, and who is trained.

A quiz draws ``questions`` (default 10) from the bank in
``hrdesk/resources/governance/quiz.json`` (at least 20), each with its options in a
fresh order, and passes at ``pass_mark`` (default 80 %); both are settings
(``governance.quiz``). A manager takes it themselves when signed in; HR
records an *attestation* for training done elsewhere (who, when, what).

Training records live in the table ``governance_training``, linked to the
manager's own employee record when the import found one (so a manager user
linked to that record later inherits them), and carry the manager's name for
managers who are not employees in the records.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from hrdesk.errors import InvalidInputError, PermissionDeniedError
from hrdesk.session.actor import Actor, Role

if TYPE_CHECKING:
    from hrdesk.records import Records
    from hrdesk.vault import Vault

TABLE = "governance_training"
SETTINGS_KEY = "governance.quiz"
ACTION_QUIZ = "governance.quiz_taken"
ACTION_ATTESTED = "governance.training_attested"
ACTION_SETTINGS = "governance.quiz_settings_changed"
MIN_BANK = 20
MIN_QUESTIONS = 10


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    options: tuple[str, ...]
    answer: int
    explanation: str


@dataclass(frozen=True)
class Bank:
    title: str
    module: tuple[tuple[str, str], ...]  # (heading, text) sections of the training
    questions: tuple[Question, ...]


@lru_cache(maxsize=1)
def bank() -> Bank:
    """The built-in training module and quiz bank (checked: at least 20 well-formed questions)."""
    from hrdesk.paths import resource

    raw = json.loads(resource("governance", "quiz.json").read_text(encoding="utf-8"))
    questions = tuple(Question(q["id"], q["question"], tuple(q["options"]), int(q["answer"]), q["explanation"])
                      for q in raw["questions"])
    if len(questions) < MIN_BANK or len({q.id for q in questions}) != len(questions):
        raise InvalidInputError(f"The quiz bank needs at least {MIN_BANK} questions with distinct ids.")
    for q in questions:
        if not 0 <= q.answer < len(q.options) or len(q.options) < 2:
            raise InvalidInputError(f"Quiz question '{q.id}' has no valid answer among its options.")
    return Bank(raw["title"], tuple((m["heading"], m["text"]) for m in raw["module"]), questions)


@dataclass(frozen=True)
class QuizSettings:
    questions: int = MIN_QUESTIONS
    pass_mark: float = 0.8  # share of questions answered correctly


def quiz_settings(vault: "Vault") -> QuizSettings:
    raw = vault.meta_get(SETTINGS_KEY, None) or {}
    return QuizSettings(int(raw.get("questions", MIN_QUESTIONS)), float(raw.get("pass_mark", 0.8)))


def set_quiz_settings(vault: "Vault", settings: QuizSettings) -> QuizSettings:
    if not MIN_QUESTIONS <= settings.questions <= len(bank().questions):
        raise InvalidInputError(f"A quiz draws from {MIN_QUESTIONS} to {len(bank().questions)} questions.")
    if not 0.5 <= settings.pass_mark <= 1.0:
        raise InvalidInputError("The pass mark is a share of correct answers from 0.5 (50 %) to 1.0 (100 %).")
    with vault.transaction():
        vault.meta_set(SETTINGS_KEY, {"questions": settings.questions, "pass_mark": settings.pass_mark})
        vault.audit(ACTION_SETTINGS, details={"questions": settings.questions, "pass_mark": settings.pass_mark})
    return settings


@dataclass(frozen=True)
class DrawnQuestion:
    id: str
    question: str
    options: tuple[str, ...]  # in this quiz's order
    answer: int  # index into ``options``


@dataclass(frozen=True)
class Quiz:
    questions: tuple[DrawnQuestion, ...]
    pass_mark: float


def draw(settings: QuizSettings, rng: random.Random | None = None) -> Quiz:
    """A quiz: ``settings.questions`` questions drawn from the bank, options shuffled."""
    rng = rng or random.Random()
    drawn = []
    for q in rng.sample(list(bank().questions), settings.questions):
        order = list(range(len(q.options)))
        rng.shuffle(order)
        drawn.append(DrawnQuestion(q.id, q.question, tuple(q.options[i] for i in order), order.index(q.answer)))
    return Quiz(tuple(drawn), settings.pass_mark)


@dataclass(frozen=True)
class QuizResult:
    correct: int
    total: int
    passed: bool
    wrong: tuple[str, ...]  # ids of the questions answered wrongly


def grade(quiz: Quiz, chosen: Mapping[str, int]) -> QuizResult:
    """Mark the answers (question id -> chosen option index); an unanswered question counts as wrong."""
    wrong = tuple(q.id for q in quiz.questions if chosen.get(q.id) != q.answer)
    correct = len(quiz.questions) - len(wrong)
    return QuizResult(correct, len(quiz.questions), correct >= quiz.pass_mark * len(quiz.questions) - 1e-9, wrong)


# --- managers in scope and their training ---------------------------------------------------------


@dataclass(frozen=True)
class Manager:
    """A manager whose team is in scope: their employee record (when found), name and teams."""

    name: str
    employee_id: str | None  # vault id of their own employee record
    team_ids: tuple[str, ...]
    team_size: int


@dataclass(frozen=True)
class TrainingRecord:
    id: str
    manager_name: str
    employee_id: str | None
    kind: str  # "quiz" | "attestation"
    passed: bool
    time: str
    recorded_by: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class ManagerTraining:
    manager: Manager
    record: TrainingRecord | None  # the latest pass, else the latest attempt

    @property
    def trained(self) -> bool:
        return self.record is not None and self.record.passed

    @property
    def state(self) -> str:
        if self.record is None:
            return "not trained"
        if self.record.passed:
            return "passed the quiz" if self.record.kind == "quiz" else "attested by HR"
        return "failed the quiz"


def managers_in_scope(records: "Records") -> list[Manager]:
    """Every manager with at least one current employee in their team (teams from the import's manager column)."""
    sizes: dict[str, int] = {}
    for person in records.employees.list():
        if not person.is_leaver and person.team_id:
            sizes[person.team_id] = sizes.get(person.team_id, 0) + 1
    by_manager: dict[str, list[Any]] = {}
    for team in records.teams.list():
        if sizes.get(team.id):
            by_manager.setdefault(team.manager_employee_id or f"name:{team.manager_name}", []).append(team)
    out = [Manager(teams[0].manager_name, teams[0].manager_employee_id, tuple(t.id for t in teams),
                   sum(sizes[t.id] for t in teams)) for teams in by_manager.values()]
    return sorted(out, key=lambda m: m.name.lower())


def ensure_table(vault: "Vault") -> None:
    vault.ensure_table(TABLE, links=("employee_id",))


def training_records(vault: "Vault") -> list[TrainingRecord]:
    ensure_table(vault)
    out = [TrainingRecord(row.id, row.payload["manager_name"], row.links.get("employee_id"), row.payload["kind"],
                          bool(row.payload["passed"]), row.payload["time"], row.payload["recorded_by"],
                          dict(row.payload.get("detail", {}))) for row in vault.rows(TABLE)]
    return sorted(out, key=lambda r: r.time)


def _matches(record: TrainingRecord, manager: Manager) -> bool:
    if manager.employee_id and record.employee_id:
        return manager.employee_id == record.employee_id
    return record.manager_name.casefold() == manager.name.casefold()


def training_state(vault: "Vault", managers: Sequence[Manager]) -> list[ManagerTraining]:
    records = training_records(vault)
    out = []
    for manager in managers:
        mine = [r for r in records if _matches(r, manager)]
        passed = [r for r in mine if r.passed]
        out.append(ManagerTraining(manager, passed[-1] if passed else (mine[-1] if mine else None)))
    return out


def is_trained(vault: "Vault", manager: Manager) -> bool:
    return any(r.passed and _matches(r, manager) for r in training_records(vault))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def record_quiz(vault: "Vault", actor: Actor, manager: Manager, quiz: Quiz, chosen: Mapping[str, int]) -> QuizResult:
    """The manager's own attempt, graded and recorded; only that manager may take it.

    HR cannot take the quiz on a manager's behalf: training done elsewhere is
    recorded as an attestation instead.
    """
    if actor.role is not Role.MANAGER or not _is_them(vault, actor, manager):
        raise PermissionDeniedError(f"Only {manager.name}, signed in, can take their AI-literacy quiz.",
                                    hint="For training done elsewhere, HR records an attestation.")
    result = grade(quiz, chosen)
    ensure_table(vault)
    with vault.transaction():
        vault.insert(TABLE, {"manager_name": manager.name, "kind": "quiz", "passed": result.passed, "time": _now(),
                             "recorded_by": actor.name,
                             "detail": {"correct": result.correct, "total": result.total, "pass_mark": quiz.pass_mark,
                                        "questions": [q.id for q in quiz.questions], "wrong": list(result.wrong)}},
                     links={"employee_id": manager.employee_id})
        vault.audit(ACTION_QUIZ, details={"manager": manager.name, "passed": result.passed,
                                          "score": f"{result.correct}/{result.total}"})
    return result


def _is_them(vault: "Vault", actor: Actor, manager: Manager) -> bool:
    """Whether the signed-in manager is ``manager``: their user is linked to that employee record, or named so."""
    user = vault.user
    if manager.employee_id and getattr(user, "employee_id", "") == manager.employee_id:
        return True
    names = {actor.name.casefold(), (getattr(user, "manager_name", "") or "").casefold()}
    return manager.name.casefold() in names


def attest(vault: "Vault", actor: Actor, managers: Sequence[Manager], *, what: str, when: dt.date,
           provider: str) -> list[str]:
    """HR records training done elsewhere for ``managers``; returns the new records' ids."""
    if actor.role is not Role.HR:
        raise PermissionDeniedError("Only HR records training done elsewhere.")
    if when > dt.date.today():
        raise InvalidInputError(f"The training date {when.isoformat()} is in the future.")
    ensure_table(vault)
    ids = []
    with vault.transaction():
        for manager in managers:
            ids.append(vault.insert(TABLE, {"manager_name": manager.name, "kind": "attestation", "passed": True,
                                            "time": _now(), "recorded_by": actor.name,
                                            "detail": {"what": what, "when": when.isoformat(), "provider": provider}},
                                    links={"employee_id": manager.employee_id}))
        vault.audit(ACTION_ATTESTED, details={"managers": len(managers), "what": what, "when": when.isoformat(),
                                              "provider": provider})
    return ids
