"""``AuditInput``: the plain pandas data an audit reads, and its checks.

The vault layer builds this from decrypted records; tests build it from CSV.
Keeping the contract to plain DataFrames means the audit can be run and
checked without a vault, and the vault never needs to know statistics.

``people`` has one row per employee. Only ``person`` is required; every other
column is optional and an outcome whose column is absent is skipped with a
note in the result (never silently):

============================  ==================================================
column                        meaning
============================  ==================================================
``person``                    opaque id (str)
``manager``                   manager display name (str, may be NaN)
``rating``                    ordered Categorical over ``scale`` (worst→best), or
                              plain strings of the scale (may be NaN)
``engagement``                float (may be NaN)
``satisfaction``              float (may be NaN)
``left_voluntarily``          bool
``promoted``                  nullable boolean (all NaN when there is no data)
``last_review_date``          datetime64 (may be NaT)
``date_of_birth``             datetime64; gives ``age_band`` at ``reference_date``
one column per attribute      str; NaN (or "", "unknown", "prefer not to say")
                              means unknown
============================  ==================================================

``feedback`` has ``person`` and ``text``; several rows per person are allowed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

import pandas as pd

from hrdesk.errors import InvalidInputError

#: Readable names for the usual attribute columns; others are title-cased.
ATTRIBUTE_LABELS: Mapping[str, str] = {
    "sex": "Sex",
    "gender": "Gender",
    "race": "Race/ethnicity",
    "ethnicity": "Ethnicity",
    "hispanic_latino": "Hispanic/Latino",
    "disability": "Disability",
    "veteran": "Veteran",
    "age_band": "Age band",
    "manager": "Manager",
}


@dataclass(frozen=True)
class ExtraOutcome:
    """A yes/no column of ``people`` to audit like the built-in outcomes.

    Used for AI suggestion flags once they exist: ``favourable=False`` for a
    flag that is bad news for the person (e.g. a retention-risk flag).
    """

    column: str
    label: str
    event: str  # plain words, e.g. "were flagged as a retention risk"
    favourable: bool = False


@dataclass(frozen=True, eq=False)
class AuditInput:
    """Everything an audit looks at. See the module docstring for columns."""

    people: pd.DataFrame
    scale: tuple[str, ...]
    reference_date: dt.date
    attributes: tuple[str, ...] = ()
    feedback: pd.DataFrame | None = None
    extra_outcomes: tuple[ExtraOutcome, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)

    def label(self, column: str) -> str:
        """The display name of an attribute or column."""
        return self.labels.get(column) or ATTRIBUTE_LABELS.get(column) or column.replace("_", " ").capitalize()

    def reference_timestamp(self) -> pd.Timestamp:
        return pd.Timestamp(self.reference_date).normalize()

    def validate(self) -> None:
        """Raise ``InvalidInputError`` when the data cannot be audited at all."""
        hint = "This is a problem with the data handed to the audit; re-import the records and try again."
        if not isinstance(self.people, pd.DataFrame):
            raise InvalidInputError("The audit needs a table of people.", hint=hint)
        if "person" not in self.people.columns:
            raise InvalidInputError("The table of people has no 'person' column.", hint=hint)
        if len(self.scale) < 2 or len(set(self.scale)) != len(self.scale):
            raise InvalidInputError("The rating scale needs at least two distinct categories.", hint=hint)
        missing = [a for a in self.attributes if a not in self.people.columns]
        if missing:
            raise InvalidInputError(f"The attribute column(s) {', '.join(missing)} are not in the data.", hint=hint)
        if self.feedback is not None and not {"person", "text"} <= set(self.feedback.columns):
            raise InvalidInputError("The feedback table needs 'person' and 'text' columns.", hint=hint)
