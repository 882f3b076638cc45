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
    scale: str = ""  # the ordinal scale's name: SCALE fields, and INTEGER fields holding 1-N codes
    help: str = ""  # what the field is for, as `hrdesk import --fields` and the README say it
    into: str = ""  # a column read into another field and not stored itself (first name -> name)
    derived: bool = False  # filled by hrdesk at import, never from a column

    @property
    def mappable(self) -> bool:
        """Whether a source column can be mapped to this field."""
        return not self.derived


E, R, C = Kind.EMPLOYEES, Kind.REVIEWS, Kind.CHECKINS
P = Purpose
T = FieldType

FIELDS: tuple[Field, ...] = (
    # employees: identity and employment (administration)
    Field("employee_id", "Employee ID", E, T.TEXT, P.ADMINISTRATION, "employee", required=True,
          help="the HRIS id; re-imports update people by it, and it names a person when the file has no name"),
    Field("name", "Name", E, T.TEXT, P.ADMINISTRATION, "employee",
          help="shown in lists, reviews and letters; a pseudonymised export without names shows the employee id"),
    Field("first_name", "First name", E, T.TEXT, P.ADMINISTRATION, "employee", into="name",
          help="combined with the last name into Name (not stored on its own)"),
    Field("last_name", "Last name", E, T.TEXT, P.ADMINISTRATION, "employee", into="name",
          help="combined with the first name into Name (not stored on its own)"),
    Field("manager_name", "Manager", E, T.TEXT, P.ADMINISTRATION, "employee",
          help="the manager's name; people with the same manager form a team, which only that manager may open"),
    Field("department", "Department", E, T.TEXT, P.ADMINISTRATION, "employee", help="for lists and filters"),
    Field("position", "Position", E, T.TEXT, P.ADMINISTRATION, "employee", help="job title, for lists and filters"),
    Field("employment_status", "Employment status", E, T.TEXT, P.ADMINISTRATION, "employee",
          help="active, or how someone left (voluntarily or not): the voluntary-leaving audit reads it"),
    Field("left", "Has left (yes/no)", E, T.YES_NO, P.ADMINISTRATION, "employee", into="employment_status",
          help="a leaving flag (Attrition, Left, Terminated: Yes/No or 1/0), read into Employment status; "
               "a leaver counts as voluntary unless a termination reason says otherwise"),
    Field("hire_date", "Hire date", E, T.DATE, P.ADMINISTRATION, "employee", help="tenure; who was employed during a review cycle"),
    Field("termination_date", "Termination date", E, T.DATE, P.ADMINISTRATION, "employee",
          help="marks a leaver; starts the leaver's retention period"),
    Field("termination_reason", "Termination reason", E, T.TEXT, P.ADMINISTRATION, "employee",
          help="why someone left; an involuntary reason keeps a leaving flag from counting as voluntary"),
    # employees: evaluation and development
    Field("performance_score", "Performance score", E, T.SCALE, P.EVALUATION, "employee", scale="performance",
          help="the latest rating, on the vault's ordinal performance scale (labels or 1-N codes, lowest first)"),
    Field("last_review_date", "Last review date", E, T.DATE, P.EVALUATION, "employee", help="finds stale reviews"),
    Field("special_projects", "Special projects", E, T.INTEGER, P.DEVELOPMENT, "employee", low=0,
          help="count of special projects, for development conversations"),
    # employees: well-being (coaching only)
    Field("engagement", "Engagement survey", E, T.NUMBER, P.WELLBEING, "employee", low=1, high=5,
          help="engagement survey score (1 to 5), for coaching only"),
    Field("satisfaction", "Satisfaction", E, T.INTEGER, P.WELLBEING, "employee", low=1, high=5, scale="satisfaction",
          help="satisfaction survey code on a 1-4 or 1-5 scale (the scale is stated at import), for coaching only"),
    Field("absences", "Absences", E, T.INTEGER, P.WELLBEING, "employee", low=0,
          help="days absent, for coaching only (so often about health that it never informs evaluation)"),
    # employees: protected attributes (fairness monitoring only)
    Field("sex", "Sex", E, T.TEXT, P.FAIRNESS, "protected", protected=True, help="sex or gender, for the bias audit only"),
    Field("race", "Race / ethnicity", E, T.TEXT, P.FAIRNESS, "protected", protected=True, help="for the bias audit only"),
    Field("hispanic_latino", "Hispanic / Latino", E, T.YES_NO, P.FAIRNESS, "protected", protected=True,
          help="yes/no, for the bias audit only"),
    Field("date_of_birth", "Date of birth", E, T.BIRTH_DATE, P.FAIRNESS, "protected", protected=True,
          help="gives the age band (under 40 / 40 and over) in the bias audit only"),
    Field("age", "Age (years)", E, T.INTEGER, P.FAIRNESS, "protected", protected=True, low=14, high=100,
          help="age in years when there is no date of birth; gives the age band in the bias audit only"),
    Field("age_on", "Age recorded on", E, T.DATE, P.FAIRNESS, "protected", protected=True, derived=True,
          help="the import date an age was read on, so the age band stays right as time passes (set by hrdesk)"),
    Field("disability", "Disability", E, T.TEXT, P.FAIRNESS, "protected", protected=True, help="for the bias audit only"),
    # reviews
    Field("employee_id", "Employee ID", R, T.TEXT, P.ADMINISTRATION, "ratings", required=True, help="whose review this is"),
    Field("cycle", "Review cycle", R, T.TEXT, P.EVALUATION, "ratings", required=True, help="the review period, e.g. 2024 H1"),
    Field("review_date", "Review date", R, T.DATE, P.EVALUATION, "ratings", required=True, help="when the review was held"),
    Field("rating", "Rating", R, T.SCALE, P.EVALUATION, "ratings", required=True, scale="performance",
          help="on the vault's ordinal performance scale (labels or 1-N codes, lowest first)"),
    Field("feedback", "Feedback", R, T.LONG_TEXT, P.DEVELOPMENT, "feedback",
          help="written feedback; checked for coded and personality-focused language"),
    Field("goals", "Goals", R, T.LONG_TEXT, P.DEVELOPMENT, "goals", help="goals agreed in the review"),
    # well-being check-ins
    Field("employee_id", "Employee ID", C, T.TEXT, P.ADMINISTRATION, "wellbeing", required=True, help="whose check-in this is"),
    Field("date", "Date", C, T.DATE, P.WELLBEING, "wellbeing", required=True, help="when it was submitted"),
    Field("mood", "Mood", C, T.INTEGER, P.WELLBEING, "wellbeing", required=True, low=1, high=5, help="1 to 5, for coaching only"),
    Field("workload", "Workload", C, T.INTEGER, P.WELLBEING, "wellbeing", required=True, low=1, high=5, help="1 to 5, for coaching only"),
    Field("stress", "Stress", C, T.INTEGER, P.WELLBEING, "wellbeing", required=True, low=1, high=5, help="1 to 5, for coaching only"),
    Field("comment", "Comment", C, T.LONG_TEXT, P.WELLBEING, "wellbeing", help="free text, for coaching only"),
)

del E, R, C, P, T


def fields_for(kind: Kind | str) -> dict[str, Field]:
    """The fields a file of ``kind`` can fill, by name, in declaration order."""
    kind = Kind(kind)
    return {f.name: f for f in FIELDS if f.kind is kind}


def mappable_fields(kind: Kind | str) -> dict[str, Field]:
    """The fields a source column can be mapped to (everything but what hrdesk derives itself)."""
    return {name: spec for name, spec in fields_for(kind).items() if spec.mappable}


PROTECTED_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS if f.protected)

# Stored on the employee record; columns read ``into`` another field are not stored themselves.
EMPLOYEE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in FIELDS if f.kind is Kind.EMPLOYEES and not f.protected and not f.into
)
