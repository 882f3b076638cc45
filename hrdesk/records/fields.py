"""What hrdesk holds about people, and why: the field registry.

Every field that can enter the vault is declared here once, with the purpose
it serves, the data category that sets its retention, and its type. Data
minimisation works from this table: a source column that does not map to a
field whose purpose is active is dropped at import. Protected attributes are
marked ``protected``; they serve fairness monitoring only and live in their
own table (see ``records.protected``).

Well-being data (check-ins, satisfaction, absences) serves coaching only. It
is kept apart from evaluation so the suggestion pipeline can exclude it when
a model informs an evaluative decision; absences are counted as well-being
rather than performance because they are so often about health.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Purpose(StrEnum):
    """The declared purposes data may be held for (shown in the privacy assessment)."""

    EVALUATION = "evaluation"
    DEVELOPMENT = "development"
    WELLBEING = "wellbeing"
    FAIRNESS = "fairness"
    ADMINISTRATION = "administration"


ALL_PURPOSES: frozenset[Purpose] = frozenset(Purpose)

PURPOSE_LABELS: dict[Purpose, str] = {
    Purpose.EVALUATION: "performance evaluation",
    Purpose.DEVELOPMENT: "development",
    Purpose.WELLBEING: "well-being and coaching",
    Purpose.FAIRNESS: "fairness monitoring",
    Purpose.ADMINISTRATION: "administration",
}


class FieldType(StrEnum):
    TEXT = "text"  # short text, whitespace collapsed
    LONG_TEXT = "long_text"  # free text (feedback, comments), kept as written
    DATE = "date"
    BIRTH_DATE = "birth_date"  # a date; two-digit years resolve into the past
    NUMBER = "number"
    INTEGER = "integer"
    SCALE = "scale"  # ordinal; labels and their order are declared in the mapping
    YES_NO = "yes_no"


class Kind(StrEnum):
    """The kinds of file hrdesk imports."""

    EMPLOYEES = "employees"
    REVIEWS = "reviews"
    CHECKINS = "checkins"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: Kind
    type: FieldType
    purpose: Purpose
    category: str  # retention category, see records.retention
    required: bool = False
    protected: bool = False
    low: float | None = None  # inclusive bounds for numbers
    high: float | None = None
    scale: str = ""  # for SCALE fields: the name of the ordinal scale


E, R, C = Kind.EMPLOYEES, Kind.REVIEWS, Kind.CHECKINS
P = Purpose
T = FieldType

FIELDS: tuple[Field, ...] = (
    # employees: identity and employment (administration)
    Field("employee_id", "Employee ID", E, T.TEXT, P.ADMINISTRATION, "employee", required=True),
    Field("name", "Name", E, T.TEXT, P.ADMINISTRATION, "employee", required=True),
    Field("manager_name", "Manager", E, T.TEXT, P.ADMINISTRATION, "employee"),
    Field("department", "Department", E, T.TEXT, P.ADMINISTRATION, "employee"),
    Field("position", "Position", E, T.TEXT, P.ADMINISTRATION, "employee"),
    Field("employment_status", "Employment status", E, T.TEXT, P.ADMINISTRATION, "employee"),
    Field("hire_date", "Hire date", E, T.DATE, P.ADMINISTRATION, "employee"),
    Field("termination_date", "Termination date", E, T.DATE, P.ADMINISTRATION, "employee"),
    Field("termination_reason", "Termination reason", E, T.TEXT, P.ADMINISTRATION, "employee"),
    # employees: evaluation and development
    Field("performance_score", "Performance score", E, T.SCALE, P.EVALUATION, "employee", scale="performance"),
    Field("last_review_date", "Last review date", E, T.DATE, P.EVALUATION, "employee"),
    Field("special_projects", "Special projects", E, T.INTEGER, P.DEVELOPMENT, "employee", low=0),
    # employees: well-being (coaching only)
    Field("engagement", "Engagement survey", E, T.NUMBER, P.WELLBEING, "employee", low=1, high=5),
    Field("satisfaction", "Satisfaction", E, T.INTEGER, P.WELLBEING, "employee", low=1, high=5),
    Field("absences", "Absences", E, T.INTEGER, P.WELLBEING, "employee", low=0),
    # employees: protected attributes (fairness monitoring only)
    Field("sex", "Sex", E, T.TEXT, P.FAIRNESS, "protected", protected=True),
    Field("race", "Race / ethnicity", E, T.TEXT, P.FAIRNESS, "protected", protected=True),
    Field("hispanic_latino", "Hispanic / Latino", E, T.YES_NO, P.FAIRNESS, "protected", protected=True),
    Field("date_of_birth", "Date of birth", E, T.BIRTH_DATE, P.FAIRNESS, "protected", protected=True),
    Field("disability", "Disability", E, T.TEXT, P.FAIRNESS, "protected", protected=True),
    # reviews
    Field("employee_id", "Employee ID", R, T.TEXT, P.ADMINISTRATION, "ratings", required=True),
    Field("cycle", "Review cycle", R, T.TEXT, P.EVALUATION, "ratings", required=True),
    Field("review_date", "Review date", R, T.DATE, P.EVALUATION, "ratings", required=True),
    Field("rating", "Rating", R, T.SCALE, P.EVALUATION, "ratings", required=True, scale="performance"),
    Field("feedback", "Feedback", R, T.LONG_TEXT, P.DEVELOPMENT, "feedback"),
    Field("goals", "Goals", R, T.LONG_TEXT, P.DEVELOPMENT, "goals"),
    # well-being check-ins
    Field("employee_id", "Employee ID", C, T.TEXT, P.ADMINISTRATION, "wellbeing", required=True),
    Field("date", "Date", C, T.DATE, P.WELLBEING, "wellbeing", required=True),
    Field("mood", "Mood", C, T.INTEGER, P.WELLBEING, "wellbeing", required=True, low=1, high=5),
    Field("workload", "Workload", C, T.INTEGER, P.WELLBEING, "wellbeing", required=True, low=1, high=5),
    Field("stress", "Stress", C, T.INTEGER, P.WELLBEING, "wellbeing", required=True, low=1, high=5),
    Field("comment", "Comment", C, T.LONG_TEXT, P.WELLBEING, "wellbeing"),
)

del E, R, C, P, T


def fields_for(kind: Kind | str) -> dict[str, Field]:
    """The fields a file of ``kind`` can fill, by name, in declaration order."""
    kind = Kind(kind)
    return {f.name: f for f in FIELDS if f.kind is kind}


PROTECTED_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS if f.protected)

EMPLOYEE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in FIELDS if f.kind is Kind.EMPLOYEES and not f.protected
)
